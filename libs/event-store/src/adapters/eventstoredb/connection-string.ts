/**
 * KurrentDB (EventStoreDB's name since 25.0) documents `kurrentdb://` and `kurrentdb+discover://`
 * (and the short `kdb://`) as the same connection strings as `esdb://` and `esdb+discover://`. The
 * 6.x client we use parses only the `esdb` schemes, so the others are rewritten to them; the rest
 * of the string (hosts, credentials, settings) is the same grammar in both.
 */
export function clientConnectionString(connectionString: string): string {
  return connectionString.trim().replace(/^(?:kurrentdb|kurrent|kdb)(\+discover)?:\/\//i, (_, discover: string | undefined) => `esdb${discover ?? ''}://`);
}
