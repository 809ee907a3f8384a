/**
 * Runs the EventStoreDB stand-in (a stand-in for EventStoreDB for tests; it is not EventStoreDB)
 * as its own process, so that several API processes can share it:
 *   npm run build && npm run esdb-standin -- --port 2113 [--host 127.0.0.1] [--journal file]
 *     [--first-position N]  (where a new log starts; e.g. 4294967296 to act like a store past 4 GB)
 * then connect with `esdb://localhost:2113?tls=false`. Insecure and in memory: gone when stopped,
 * unless a --journal file keeps the log (a stand-in started again on it loads it).
 */
import { parseArgs } from 'node:util';
import { EventStoreDbStandIn } from './event-store-db-stand-in.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '2113' },
    host: { type: 'string', default: 'localhost' },
    journal: { type: 'string' },
    'first-position': { type: 'string' },
  },
});
function firstPosition(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) {
    console.error(`--first-position: '${text}' is not a non-negative integer`);
    process.exit(2);
  }
  return value;
}

const standIn = new EventStoreDbStandIn({
  port: Number(values.port),
  host: values.host,
  journal: values.journal,
  firstPosition: firstPosition(values['first-position']),
});
const port = await standIn.start();
const kept = values.journal ? `; journal ${values.journal} (${standIn.eventCount} records)` : '';
console.log(`EventStoreDB stand-in (not EventStoreDB) listening on ${values.host}:${port}; connect with esdb://${values.host}:${port}?tls=false${kept}`);
const shutdown = (): void => {
  void standIn.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
