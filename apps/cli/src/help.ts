export const USAGE = `policyctl: check and use the policy files under policies/

Usage:
  policyctl validate <dir>
      Checks every policy file: YAML syntax, the JSON schema (policies/policy-file.schema.json),
      dates, ISO 3166-1 country codes, CEL conditions, and references between files (regimes,
      rules, parameters, retractions). <dir> is one policy directory (holding *.yaml files) or a
      directory of them, such as policies/. Prints one summary line per policy and exits 0, or
      prints every problem as file:line:col: reason on stderr and exits 1.

  policyctl evaluate --input <file.json | -> --valid-at <date> [options]
      Decides one export (a DeterminationInput as JSON, from a file or stdin) against the policy
      files and prints the DeterminationResult as JSON on stdout. Records nothing.
        --valid-at <date>       the legal date to apply the law to, e.g. the export date (required)
        --known-at <date>       what was known at this instant (default: now)
        --published-by <date>   count only changes whose legal source was published by this date
        --ledger <file | json>  year-to-date amounts already drawn from capped exceptions, e.g.
                                '{"LPP": 20000000}' (default: none)
        --policies <dir>        the policy directory (default: policies/ai-export-controls)

  policyctl import <dir> [store options]
      Records the policy files not yet in the store as published changes by the system actor,
      one append per file. Idempotent: files already recorded are skipped. <dir> as for validate.

  policyctl rebuild [store options]
      Drops the read models (the determinations listing) and replays them from the store. Run it
      with the API stopped, or on a node taken out of the load balancer.

  Store options (default: the API's own settings EVENT_STORE, DATA_DIR, EVENTSTORE_CONNECTION_STRING):
        --store <sqlite | eventstoredb>   which store (default sqlite)
        --data-dir <dir>                  where the SQLite file lives (default ./data)
        --connection-string <esdb://...>  the EventStoreDB to use

  Dates are ISO 8601: a date (2025-06-01, meaning 00:00Z) or a date-time with an offset.

  Without a store, evaluate builds the policy timeline from the files: each file's changes are
  recorded in file name order, on the date its source was published (source.publishedAt). So
  --known-at K means "as recorded from the files published by K"; see
  docs/adr/008-offline-policy-timeline.md.

Exit codes: 0 success, 1 invalid policy files or input, 2 wrong command line.
`;
