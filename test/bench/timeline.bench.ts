import { changeToEvent, instantFromMs, PolicyTimeline, type PolicyChange, type RecordedPolicyEvent } from '#domain';
import { performance } from 'node:perf_hooks';

/**
 * stateAt lookups per second with 1,000 vs 100,000 recorded policy events. The history is shaped
 * like real law: legal actions on distinct dates, each carrying a batch of changes, some of them
 * retroactive corrections. Lookups are at the head of knowledge over random valid dates.
 */
const DAY = 86_400_000;
const START = Date.UTC(2022, 9, 7);
const COUNTRIES = ['CN', 'MO', 'AE', 'SA', 'IN', 'VN', 'MY', 'SG', 'IL', 'PL', 'KH', 'NI', 'RU', 'IR', 'JP', 'DE'];

function history(count: number, perAction: number): RecordedPolicyEvent[] {
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const events: RecordedPolicyEvent[] = [];
  for (let position = 1; position <= count; position++) {
    const action = Math.floor((position - 1) / perAction);
    const retroactive = random() < 0.05;
    const effectiveMs = START + (action - (retroactive ? Math.floor(random() * 30) : 0)) * DAY;
    const effectiveAt = instantFromMs(effectiveMs);
    const change: PolicyChange =
      random() < 0.5
        ? { type: 'REASSIGN_TIER', country: COUNTRIES[position % COUNTRIES.length], tier: (1 + (position % 3)) as 1 | 2 | 3, effectiveAt }
        : { type: 'SET_THRESHOLD', parameter: `param.${position % 40}`, value: position, unit: 'TPP', effectiveAt };
    const amendmentId = `action-${action}`;
    const source = { citation: `Test action ${action}`, publishedAt: instantFromMs(START + action * DAY) };
    const meta = { changeId: `${amendmentId}#${position}`, amendmentId, effectiveAt, source, rationale: 'bench' };
    events.push({ event: changeToEvent(change, meta), position, recordedAt: source.publishedAt });
  }
  return events;
}

function lookupsPerSecond(timeline: PolicyTimeline, lookups: number): number {
  const head = timeline.events[timeline.events.length - 1];
  const knownAt = head.recordedAt;
  const span = Date.parse(head.event.data.effectiveAt) - START + 60 * DAY;
  const validAts = Array.from({ length: 4096 }, (_, i) => instantFromMs(START - 30 * DAY + Math.floor((((i * 2654435761) % 4096) / 4096) * span)));
  for (const validAt of validAts) timeline.stateAt({ validAt, knownAt });
  const started = performance.now();
  let hashes = 0;
  for (let i = 0; i < lookups; i++) hashes += timeline.stateAt({ validAt: validAts[i & 4095], knownAt }).stateHash.length;
  const seconds = (performance.now() - started) / 1000;
  if (hashes === 0) throw new Error('no state was looked up');
  return lookups / seconds;
}

export async function run(): Promise<void> {
  const rows: Array<[number, number, number]> = [];
  for (const count of [1_000, 100_000]) {
    const events = history(count, 50);
    const builtAt = performance.now();
    const timeline = new PolicyTimeline('bench', events);
    timeline.stateAt({ validAt: events[0].event.data.effectiveAt, knownAt: events[events.length - 1].recordedAt });
    const buildMs = performance.now() - builtAt;
    rows.push([count, lookupsPerSecond(timeline, 500_000), buildMs]);
  }
  for (const [count, rate, buildMs] of rows) {
    console.log(
      `stateAt with ${count.toLocaleString('en-US')} events: ${Math.round(rate).toLocaleString('en-US')} lookups/s (first fold ${buildMs.toFixed(0)} ms)`,
    );
  }
  console.log(`cost ratio 100,000 vs 1,000 events: ${(rows[0][1] / rows[1][1]).toFixed(2)}x (target <= 2x)`);
}
