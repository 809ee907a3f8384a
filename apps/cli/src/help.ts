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

  policyctl test <files | dirs> [--with-amendment <id | file>] [--known-at <date>] [--published-by <date>]
                 [--reporter text|json|junit] [--policies <dir>] [store options]
      Runs case files (docs/policy-tests.md; the format of test/golden/determinations.yaml):
      each case is decided and its result compared with what it expects. Directories are
      searched for *.yaml. Against the policy files (--policies, default policies/ai-export-controls)
      or, with store options, against the store's policy (--policy, default ai-export-controls).
      --with-amendment applies a draft amendment on top: a policy file (offline) or the id of an
      unpublished amendment in the store (then the store's policy is used); the report names
      the cases the amendment turns. --known-at and --published-by apply to cases that do not
      give their own. Each failure shows the case, expected against actual, and the trace lines
      that decided it. Exits 0 when every case passes, 1 when any fails.

  policyctl export <dir> [--policy <id>] [store options]
      Writes the store's recorded policy history as policy files under <dir>/<policyId>/ (or
      <dir> itself when it is named after the policy), one file per legal action in the order
      recorded. A file imported from a repository is written back as it was, comments included;
      an amendment published through the API is laid out in one stable format, named by its
      source's publication date and its title, its id kept in amendmentId (one citing a source
      published before a file recorded ahead of it states recordedOn and is named by it). Other
      *.yaml files there are removed. Importing the directory into an empty store records the
      same history; exporting again writes the same bytes. Refuses (writing nothing) a history the
      files cannot hold.

  policyctl drift <dir> [store options]
      Compares the policy files under <dir> (as for validate) with the store: a legal action
      recorded without a file, a file the store does not hold, a change that differs (field by
      field), files whose name order is not the recorded order. Comments and layout are not
      differences. Prints each difference and exits 1 when there is any, 0 when there is none.
  policyctl token --role <role> [--sub <actor>] [--ttl 12h] [--data-dir <dir>]
      Prints a bearer token signed with the local development secret (DATA_DIR/auth-secret, the
      one the API creates when no AUTH_JWT_SECRET or AUTH_JWKS_URL is set; AUTH_JWT_SECRET when
      set). --role is repeatable or comma-separated; --sub names the actor (default local-<role>);
      --ttl e.g. 30m, 12h (default), 7d.

  policyctl token revoke-all [--data-dir <dir>]
      Replaces the local secret: every token signed with the old one is refused, by a running API
      too within a second. Mint new ones with policyctl token.

  policyctl rebuild [store options]
      Drops the read models (the determinations listing) and replays them from the store. Run it
      with the API stopped, or on a node taken out of the load balancer.

  policyctl backup <file> [--data-dir <dir>]
      Copies the embedded store (events, read models and checkpoints: one SQLite file) to <file>
      while the API runs, with SQLite's online backup: the copy is the store as of one moment.
      Checks the copy (integrity, every hash chain) and writes <file>.checkpoint.json: an audit
      checkpoint signed with the API's key (AUDIT_SIGNING_KEY, else the data directory's key) over
      exactly the log the copy holds. Prints what it holds as JSON (events, position of the last
      one, size, tree root, checkpoint file). Never overwrites a file. EventStoreDB/KurrentDB: use
      the server's own backup (docs/operations.md).

  policyctl restore <file> [--data-dir <dir>]
      Checks a backup (integrity, every hash chain) and puts it in place as the store of an empty
      (or new) data directory; start the API on that directory. Prints what it holds as JSON.
      Check it against the backup's checkpoint: policyctl audit verify --checkpoint
      <file>.checkpoint.json --public-key <key.pem> --data-dir <dir>.

  policyctl amendment draft --file <change.yaml> [--commandId <id>] [actor options] [store options]
      Records a draft amendment: the changes of one policy file (the format of policies/, checked
      by the same loader; its id names the file, the amendment's id comes from the store and is
      printed). The changes are checked against the policy as it stands. With --commandId, running
      it again returns the same amendment instead of a second one.

  policyctl amendment show <id> [--redline] [store options]
      Prints the amendment: status, author, approvals, source and history. With --redline, also
      its redline against the policy (the policy as recorded now, or for a published amendment as
      it stood just before publication): each country, parameter, rule or regime that reads
      differently, from which date, owed to which change, field by field with the words struck
      out and inserted. On a terminal in colour (NO_COLOR turns it off); otherwise deleted words
      are marked [-like this-] and inserted ones {+like this+}.

  policyctl amendment impact <id> [--valid-from <date>] [--valid-to <date>] [--workers <n>] [store options]
      Re-evaluates every recorded determination whose validAt is in the window with and without
      the amendment, at today's knowledge, and prints the report (flips by transition, the first
      flips) as JSON. Reads the determinations read model the API keeps (warns when it is behind
      the store). Shows a progress bar on stderr for long runs. --workers: threads (default: one
      per core for large windows).

  policyctl amendment publish <id> [--write-file <dir>] [actor options] [store options]
      Appends an APPROVED amendment's changes to its policy, at the policy revision it is based
      on (CONFLICT if the policy moved since: rebase it through the API first). With
      --write-file, also writes its policy file where export would (<dir> as for export), so the
      repository keeps up; an amendment the files cannot hold is then not published.

  policyctl audit verify-receipt <receipt.json> --public-key <key.pem>
      Verifies a determination's receipt offline (no server, no store): the event hashes to the
      leaf hash, the inclusion proof leads to the checkpoint's root, the checkpoint is signed by
      the key (GET /.well-known/policy-ledger/audit-key.pem). See docs/audit.md.

  policyctl audit verify-consistency <old.json> <new.json> <proof.json> --public-key <key.pem> [--old-public-key <key.pem>]
      Verifies offline that the log at the old checkpoint is a prefix of the log at the new one
      (proof: the auditConsistencyProof answer). --old-public-key: the key that signed the old
      checkpoint, when the log's key was rotated since.

  policyctl audit verify --checkpoint <file> [--public-key <key.pem>] [store options | --url <api> [--token <jwt>]]
      Checks the whole log against a checkpoint you kept (a checkpoint, or a receipt holding one):
      every event against the tree, every hash chain, and the root at the checkpoint's size. With
      --url, asks a running API for its latest checkpoint and the consistency proof from yours
      (token: --token or POLICYCTL_TOKEN; key: --public-key or the API's well-known key). Without
      --public-key over a data directory, the key is the data directory's own.

  Each audit command exits 0 only when everything is valid; otherwise 1, naming the first failing index.

  Actor options (amendment draft and publish):
        --actor <name>   who acts, recorded in the events (default: the OS user)
        --role <role>    the actor's role, repeatable or comma-separated (default: admin)
      policyctl is an operator tool on the store itself: it records whoever --actor names. The
      amendment rules hold all the same: the author may never approve, and publish needs an
      amendment APPROVED, which only the API can do (submitAmendment, then approveAmendment by
      a second person). Whoever can write the store's files can write anything: guard them.

  Store options (default: the API's own settings EVENT_STORE, DATA_DIR, EVENTSTORE_CONNECTION_STRING):
        --store <sqlite | eventstoredb>   which store (default sqlite)
        --data-dir <dir>                  where the SQLite file lives (default ./data)
        --connection-string <esdb://...>  the EventStoreDB to use

  Dates are ISO 8601: a date (2025-06-01, meaning 00:00Z) or a date-time with an offset.

  Without a store, evaluate builds the policy timeline from the files: each file's changes are
  recorded in file name order, on the date its source was published (source.publishedAt). So
  --known-at K means "as recorded from the files published by K"; see
  docs/adr/008-offline-policy-timeline.md.

Exit codes: 0 success, 1 invalid policy files or input (or drift found), 2 wrong command line.
`;
