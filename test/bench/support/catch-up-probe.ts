/**
 * One catch-up in a process of its own, so that its peak RSS and CPU are the node's:
 *   node catch-up-probe.js <sqlite|eventstoredb> <store file | connection string> <read|node|node-without-tree> <data dir>
 * - read: the log read through the store client the node uses (its serializer), with a
 *   subscription from the start whose handler does nothing: the rate a node cannot beat.
 * - node: what a fresh node runs before it listens (apps/api StartupService): the projection
 *   processor with the node's projections (apps/api/src/projections/projections.module.ts), the
 *   audit tree among them. The webhook outbox is left out: with no webhook created it starts at the head.
 * - node-without-tree: the same with AUDIT_TREE=off, to show what the tree adds.
 * The read model goes where the node keeps it (openReadModelDatabase): the store's own file on
 * SQLite, `<data dir>/read-model.sqlite` on EventStoreDB. Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { AuditTreeProjection, nativeHasher, SqliteTreeStore } from '#audit-log';
import { applicationSerializer, LiveFeed, openConfiguredStore, openReadModelDatabase, type EventStoreKind } from '#api-kit';
import { determinationsReadModel, documentPlacement } from '#determinations';
import { openSqliteEventStore } from '#event-store/sqlite';
import { AmendmentsProjection, PolicyTimelines } from '#policy';
import { ProjectionProcessor } from '#projections';
import type { EventStore } from '#event-store';

async function readOnly(store: EventStore): Promise<number> {
  let seen = 0;
  const subscription = store.subscribe({}, () => {
    seen++;
  });
  await subscription.caughtUp;
  await subscription.stop();
  return seen;
}

async function freshNode(store: EventStore, kind: EventStoreKind, dataDir: string, tree: boolean): Promise<{ rows: number; leaves?: number }> {
  const readModel = openReadModelDatabase(store, { kind, dataDir });
  const feed = new LiveFeed();
  try {
    // As apps/api's ProjectionsModule lists them: the tree, when on, shares the read models' read.
    const audit = tree ? new AuditTreeProjection(store, new SqliteTreeStore(readModel, nativeHasher)) : undefined;
    const processor = new ProjectionProcessor(
      store,
      [
        new PolicyTimelines(feed).projection,
        new AmendmentsProjection(feed).projection,
        determinationsReadModel(feed, documentPlacement(kind)),
        ...(audit ? [audit.declaration] : []),
      ],
      { readModel },
    );
    await processor.start();
    await processor.stop();
    return { rows: readModel.prepare('SELECT COUNT(*) FROM rm_determinations').pluck().get() as number, leaves: audit?.tree.size };
  } finally {
    feed.onApplicationShutdown();
    readModel.close();
  }
}

async function main(): Promise<void> {
  const [kind, target, mode, dataDir] = process.argv.slice(2);
  if ((kind !== 'sqlite' && kind !== 'eventstoredb') || !target || !mode || !dataDir)
    throw new Error('usage: catch-up-probe <sqlite|eventstoredb> <file|connection string> <read|node|node-without-tree> <data dir>');
  const store =
    kind === 'sqlite'
      ? openSqliteEventStore({ file: target, crossProcessPollMs: 0, serializer: applicationSerializer() })
      : openConfiguredStore({ kind, dataDir, connectionString: target, deadlineMs: 600_000 });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const counts = mode === 'read' ? { events: await readOnly(store) } : await freshNode(store, kind, dataDir, mode === 'node');
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  await store.close();
  process.stdout.write(`${JSON.stringify({ ...counts, elapsedMs, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMiB: peakRssMiB() })}\n`);
}

/**
 * This process's own peak RSS: VmHWM belongs to the memory of the program exec'd here. getrusage's
 * maxRSS does not: Linux carries it over from the forking parent (the benchmark, which holds the
 * stand-in's whole log), so a probe of the stand-in read over 1 GiB whatever it did.
 */
function peakRssMiB(): number {
  const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
  return hwm ? Number(hwm[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

await main();
