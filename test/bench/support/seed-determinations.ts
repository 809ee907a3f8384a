/**
 * Seeds a SQLite store with N recorded determinations for the impact benchmark (issue 5): a bulk
 * import that produces the events the real write path (IssueDeterminationHandler) produces.
 *
 * Per determination, with the handler's own parts: the coordinates from PolicyCoordinatesService
 * (validAt given, knownAt now), the issuance command the handler builds (the capped ledgers of the
 * state, its compiled rules from DeterminationEvaluator), the real issuance decider deciding it,
 * and its events stored as recordDetermination stores them (issuanceEvent: ids and metadata),
 * draws first, each append at the revision decided on. Ids derive from the seeder's actor and a
 * commandId per determination, as an issue with a commandId does.
 *
 * What differs from N calls of the handler, and why the events are still the same:
 * - The decider's state (each ledger's total and revision) is kept in memory from what this
 *   seeder appended (only it writes), rather than read from the streams per determination.
 * - Appends are grouped, 2,000 determinations per SQLite transaction (each append is still its
 *   own savepoint with its own checks and hash chain), on a store opened with
 *   durability 'normal': that changes when bytes reach the disk, not which bytes.
 * The read model is kept by the real determinations projection, run by the processor, following the store as it fills.
 *
 * Inputs are deterministic (a seeded PRNG): a consignee pool that grows with N (so the ledgers
 * of 100k and 1M look alike), destinations across the three tiers, H100-class chips (TPP 15,831)
 * and 8-GPU servers in various quantities, mid-range and consumer chips, model weights, validAt
 * spread over 2024-01-01..2026-11-22.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applicationSerializer, Clock, eventMetadata, LiveFeed, stableId, SYSTEM_ACTOR } from '#api-kit';
import { DeterminationEvaluator, determinationsReadModel, issuanceEvent } from '#determinations';
import {
  ALLOCATION_DRAWN,
  cappedLedgers,
  decideIssuance,
  determinationStream,
  ledgerStream,
  ledgerYear,
  parseInstant,
  type Actor,
  type DeterminationInput,
  type IssuanceState,
  type ItemInput,
} from '#domain';
import { type ExpectedRevision } from '#event-store';
import { openSqliteEventStore } from '#event-store/sqlite';
import { AmendmentsProjection, importPolicyDocuments, PolicyCoordinatesService, PolicyTimelines } from '#policy';
import { loadPolicyDirectory } from '#policy-files';
import { ProjectionProcessor } from '#projections';

/** Bump when the generated inputs or the seeding change: cached stores of another version are not reused. */
export const SEED_VERSION = 1;
export const POLICY_DIR = 'policies/ai-export-controls';
const BATCH = 2_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);
const DAYS = 1_057; // 2024-01-01 .. 2026-11-22

export const SEEDER: Actor = { id: 'bench-seeder', roles: ['determiner'] };

export interface SeedSummary {
  file: string;
  determinations: number;
  draws: number;
  readModelRows: number;
  seconds: number;
  outcomes: Record<string, number>;
}

/** mulberry32: small, fast, good enough to spread test data, and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;

const TIER_1 = ['DE', 'JP', 'GB', 'FR', 'NL', 'KR', 'TW', 'CA', 'AU', 'SE', 'IE', 'IT', 'ES'];
const TIER_2 = ['IN', 'AE', 'SA', 'SG', 'MY', 'IL', 'BR', 'PL', 'MX', 'VN', 'TH', 'ID', 'TR', 'CH', 'AT', 'PT', 'CZ', 'ZA', 'EG', 'QA'];
const TIER_3 = ['CN', 'HK', 'MO', 'RU', 'BY', 'VE', 'KH', 'IR'];

interface Consignee {
  id: string;
  country: string;
  headquarters: string;
  ultimateParent?: string;
  veu?: string;
}

/** The k-th consignee of the pool: where it is, who owns it, whether it holds a VEU authorization. */
function consignee(k: number): Consignee {
  const random = prng(0x5eed0000 + k);
  const r = random();
  const country = r < 0.35 ? pick(random, TIER_1) : r < 0.8 ? pick(random, TIER_2) : pick(random, TIER_3);
  const h = random();
  const headquarters = h < 0.8 ? country : h < 0.9 ? 'US' : h < 0.95 ? 'CN' : pick(random, TIER_1);
  const p = random();
  const ultimateParent = p < 0.05 ? 'US' : p < 0.08 ? 'CN' : undefined;
  const v = random();
  const veu = TIER_2.includes(country) ? (headquarters === 'US' && v < 0.3 ? 'UVEU' : v < 0.04 ? 'NVEU' : undefined) : undefined;
  return { id: `consignee-${k}`, country, headquarters, ...(ultimateParent ? { ultimateParent } : {}), ...(veu ? { veu } : {}) };
}

const H100 = { tpp: 15_831, performanceDensity: 19.4 };
const QUANTITIES = [8, 16, 32, 64, 128, 256, 512, 1_024];

function item(random: () => number): ItemInput {
  const r = random();
  if (r < 0.4) return { kind: 'INTEGRATED_CIRCUIT', description: 'H100-class GPU', ...H100, quantity: pick(random, QUANTITIES) };
  if (r < 0.55)
    return {
      kind: 'COMPUTER',
      description: '8-GPU server',
      tpp: 8 * H100.tpp,
      performanceDensity: H100.performanceDensity,
      quantity: 1 + Math.floor(random() * 32),
    };
  if (r < 0.7)
    return { kind: 'INTEGRATED_CIRCUIT', description: 'mid-range accelerator', tpp: 3_000, performanceDensity: 4, quantity: pick(random, QUANTITIES) };
  if (r < 0.8)
    return { kind: 'INTEGRATED_CIRCUIT', description: 'consumer GPU', tpp: 1_200, performanceDensity: 1.2, quantity: 1 + Math.floor(random() * 200) };
  if (r < 0.9)
    return { kind: 'MODEL_WEIGHTS', description: 'model weights', trainingOperations: pick(random, [5e25, 2e26, 3e26]), openWeights: random() < 0.2 };
  return {
    kind: 'INTEGRATED_CIRCUIT',
    description: 'H100-class GPU, classified by the exporter',
    eccn: '3A090.a',
    ...H100,
    quantity: pick(random, QUANTITIES),
  };
}

/** The n-th generated export: its input and the legal date it is decided for. */
export function generatedExport(n: number, consignees: number): { input: DeterminationInput; validAt: string } {
  const random = prng(n + 1);
  // Skewed towards the first consignees of the pool: a few large buyers, a long tail.
  const who = consignee(Math.floor(consignees * random() ** 2));
  const items = [item(random)];
  if (random() < 0.2) items.push(item(random));
  const e = random();
  const endUse = e < 0.7 ? 'deployment' : e < 0.85 ? 'development' : e < 0.95 ? 'production' : undefined;
  const day = new Date(FIRST_DAY + Math.floor(random() * DAYS) * 86_400_000).toISOString().slice(0, 10);
  const { country, ...rest } = who;
  const input: DeterminationInput = { destination: country, consignee: { ...rest, country }, items, ...(endUse ? { endUse } : {}), reference: `order-${n}` };
  return { input, validAt: parseInstant(day) };
}

/** The consignee pool for N determinations: about 40 determinations per consignee whatever N. */
export const consigneePool = (count: number): number => Math.max(100, Math.round(count / 40));

/** Each ledger stream's total and revision, as this seeder appended them (only it writes). */
class LedgerMirror {
  private readonly streams = new Map<string, { drawn: number; revision: ExpectedRevision }>();

  /** The issuance decider's state for a consignee and year: nothing issued yet, the totals so far. */
  state(ledgers: readonly string[], consigneeId: string, year: number): IssuanceState {
    const drawn: Record<string, number> = {};
    for (const ledger of ledgers) drawn[ledger] = this.streams.get(ledgerStream(ledger, consigneeId, year))?.drawn ?? 0;
    return { issued: null, drawn, draws: null };
  }

  revision(stream: string): ExpectedRevision {
    return this.streams.get(stream)?.revision ?? 'no_stream';
  }

  drew(stream: string, amount: number, revision: number): void {
    this.streams.set(stream, { drawn: (this.streams.get(stream)?.drawn ?? 0) + amount, revision });
  }
}

/** Seeds a new store file with `count` determinations and builds its read model. */
export async function seedDeterminations(file: string, count: number, log: (line: string) => void = () => {}): Promise<SeedSummary> {
  const started = performance.now();
  rmSync(file, { force: true });
  const store = openSqliteEventStore({ file, durability: 'normal', cacheSizeMiB: 512, crossProcessPollMs: 0, serializer: applicationSerializer() });
  store.database.pragma('wal_autocheckpoint = 100000');
  const feed = new LiveFeed();
  try {
    const { policyId, documents } = loadPolicyDirectory(POLICY_DIR);
    await importPolicyDocuments(store, policyId, documents, SYSTEM_ACTOR);
    const timelines = new PolicyTimelines(feed);
    const policy = new ProjectionProcessor(store, [timelines.projection]);
    await policy.start();
    // Nothing changes the policy while seeding: stop following the store's feed.
    await policy.stop();
    const clock = new Clock();
    const coordinates = new PolicyCoordinatesService(timelines, clock, new AmendmentsProjection(feed));
    const evaluator = new DeterminationEvaluator();
    const mirror = new LedgerMirror();
    // The real projection follows the store's feed on the store's own connection, as the API's does
    // on SQLite: its rows commit inside the seeding transactions (each row with its checkpoint).
    const projection = new ProjectionProcessor(store, [determinationsReadModel(feed)], { readModel: store.database });
    await projection.start();
    const consignees = consigneePool(count);
    const outcomes: Record<string, number> = {};
    let draws = 0;

    for (let first = 0; first < count; first += BATCH) {
      store.database.exec('BEGIN IMMEDIATE');
      try {
        for (let n = first; n < Math.min(count, first + BATCH); n++) {
          const { input, validAt } = generatedExport(n, consignees);
          const commandId = `seed-${SEED_VERSION}-${n}`;
          const id = stableId('determination', SEEDER.id, commandId);
          const metadata = eventMetadata(SEEDER, { commandId });
          const resolved = coordinates.resolve(undefined, { validAt });
          const version = resolved.timeline.stateAt(resolved.coordinates);
          const ledgers = cappedLedgers(version.state);
          const { validAt: at, knownAt } = resolved.coordinates;
          const command = {
            type: 'IssueDetermination' as const,
            data: {
              determinationId: id,
              policyId: resolved.policyId,
              request: { policyId: null, validAt },
              input,
              coordinates: { validAt: at, knownAt },
              version,
              compiled: evaluator.compiledFor(version),
              ledgers,
              issuedAt: clock.now(),
              issuedBy: SEEDER.id,
            },
          };
          let outcome = '';
          for (const event of decideIssuance(command, mirror.state(ledgers, input.consignee.id, ledgerYear(at)))) {
            if (event.type === ALLOCATION_DRAWN) {
              const stream = ledgerStream(event.data.ledger, event.data.consigneeId, event.data.year);
              const written = await store.append(stream, [issuanceEvent(event, metadata)], mirror.revision(stream));
              mirror.drew(stream, event.data.amount, written.nextRevision);
              draws++;
            } else {
              await store.append(determinationStream(id), [issuanceEvent(event, metadata)], 'no_stream');
              outcome = event.data.result.outcome;
            }
          }
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
        }
        store.database.exec('COMMIT');
      } catch (error) {
        store.database.exec('ROLLBACK');
        throw error;
      }
      const done = Math.min(count, first + BATCH);
      if (done % 100_000 === 0 || done === count)
        log(`  seeded ${done.toLocaleString('en-US')} determinations (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }

    store.database.exec('BEGIN IMMEDIATE');
    const head = store.database.prepare("SELECT MAX(position) FROM events WHERE type = 'DeterminationIssued'").pluck().get() as number;
    while (projection.appliedPosition('determinations') < head) await new Promise((resolve) => setImmediate(resolve));
    store.database.exec('COMMIT');
    await projection.stop();
    const rows = store.database.prepare('SELECT COUNT(*) FROM rm_determinations').pluck().get() as number;
    if (rows !== count) throw new Error(`the read model holds ${rows} determinations, not ${count}`);
    log(`  read model built: ${rows.toLocaleString('en-US')} rows (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    store.database.pragma('wal_checkpoint(TRUNCATE)');
    return { file, determinations: count, draws, readModelRows: rows, seconds: (performance.now() - started) / 1000, outcomes };
  } finally {
    feed.onApplicationShutdown();
    await store.close();
  }
}

/** What a cached store depends on: the seed version, the count, the policy files and the engine. */
function cacheKey(count: number, engineVersion: string): string {
  const hash = createHash('sha256').update(`${SEED_VERSION}|${count}|${engineVersion}`);
  for (const name of readdirSync(POLICY_DIR).sort()) hash.update(name).update(readFileSync(join(POLICY_DIR, name)));
  return hash.digest('hex').slice(0, 12);
}

/**
 * The seeded store for `count` determinations under `cacheDir`, seeded on first use and reused
 * while the key holds (seed version, count, policy files, engine version). A store is written
 * under a temporary name and renamed when complete, so an interrupted seeding is never reused.
 */
export async function seededStore(
  cacheDir: string,
  count: number,
  engineVersion: string,
  log: (line: string) => void,
): Promise<{ file: string; seeded?: SeedSummary }> {
  const file = join(cacheDir, `impact-seed-v${SEED_VERSION}-${count}-${cacheKey(count, engineVersion)}.sqlite`);
  if (existsSync(file)) return { file };
  mkdirSync(dirname(file), { recursive: true });
  for (const name of readdirSync(cacheDir)) {
    if (name.startsWith(`impact-seed-`) && name.includes(`-${count}-`)) rmSync(join(cacheDir, name), { force: true });
  }
  const partial = `${file}.partial`;
  const seeded = await seedDeterminations(partial, count, log);
  for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
  renameSync(partial, file);
  return { file, seeded: { ...seeded, file } };
}
