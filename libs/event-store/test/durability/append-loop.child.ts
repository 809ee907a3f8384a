/**
 * The durability test's writer: appends batches in a loop to a SQLite event store until it is
 * killed. Before each append it logs the intent; after append() returns, the acknowledgement
 * (a line written with writeSync, so it is in the file the moment it is logged).
 * Usage: node --conditions=source --import test/support/ts-hooks/register-ts.mjs append-loop.child.ts <db> <log>
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { openSync, writeSync } from 'node:fs';
import { openSqliteEventStore } from '../../src/adapters/sqlite/sqlite-event-store.js';

const [file, logFile] = process.argv.slice(2) as [string, string];
const store = openSqliteEventStore({ file });
const log = openSync(logFile, 'a');
const streams = ['account-0', 'account-1', 'account-2', 'account-3'];
const revisions = new Map<string, number>();
for (const stream of streams) revisions.set(stream, (await store.readStream(stream, { direction: 'backwards', maxCount: 1 }))[0]?.revision ?? -1);

for (;;) {
  const stream = streams[Math.floor(Math.random() * streams.length)]!;
  const size = 1 + Math.floor(Math.random() * 5);
  const events = Array.from({ length: size }, () => ({
    id: randomUUID(),
    type: 'Deposited',
    data: { amount: Math.floor(Math.random() * 1000), memo: randomBytes(Math.floor(Math.random() * 4000)).toString('base64') },
  }));
  const expected = revisions.get(stream)!;
  const ids = events.map((e) => e.id);
  writeSync(log, JSON.stringify({ kind: 'intent', stream, ids }) + '\n');
  const result = await store.append(stream, events, expected < 0 ? 'no_stream' : expected);
  writeSync(log, JSON.stringify({ kind: 'ack', stream, ids, nextRevision: result.nextRevision, position: result.position }) + '\n');
  revisions.set(stream, result.nextRevision);
}
