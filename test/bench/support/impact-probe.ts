/**
 * One impact analysis in a process of its own, so that its peak RSS is the analysis's (worker
 * threads included), not the seeding's: `node impact-probe.js <store.sqlite> <workers> [batchSize]`.
 * Prints one JSON line: the summary (without samples), maxRssMiB and cpuSeconds.
 */
import Database from 'better-sqlite3';
import { applicationSerializer } from '#api-kit';
import { analyseImpact } from '#determinations';
import { documentToEvents, policyStreamName } from '#domain';
import { openSqliteEventStore } from '#event-store/sqlite';
import { DEFAULT_POLICY_ID, toRecordedPolicyEvent } from '#policy';
import { BENCH_AMENDMENT } from './bench-amendment.js';

async function main(): Promise<void> {
  const [file, workers, batchSize] = process.argv.slice(2);
  if (!file || workers === undefined) throw new Error('usage: impact-probe <store.sqlite> <workers> [batchSize]');
  const store = openSqliteEventStore({ file, crossProcessPollMs: 0, serializer: applicationSerializer() });
  const recorded = (await store.readStream(policyStreamName(DEFAULT_POLICY_ID))).map(toRecordedPolicyEvent);
  await store.close();
  const db = new Database(file, { readonly: true });
  const setup = { policyId: DEFAULT_POLICY_ID, recorded, staged: documentToEvents(BENCH_AMENDMENT), knownAt: new Date().toISOString() };
  const cpuBefore = process.cpuUsage();
  const summary = await analyseImpact(db, setup, {}, { workers: Number(workers), ...(batchSize ? { batchSize: Number(batchSize) } : {}) });
  const cpu = process.cpuUsage(cpuBefore);
  db.close();
  const { samples, ...figures } = summary;
  process.stdout.write(
    `${JSON.stringify({ ...figures, samples: samples.length, maxRssMiB: process.resourceUsage().maxRSS / 1024, cpuSeconds: (cpu.user + cpu.system) / 1e6 })}\n`,
  );
}

await main();
