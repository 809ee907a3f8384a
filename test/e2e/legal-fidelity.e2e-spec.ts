import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { instantMs, type DeterminationInput, type PolicyDocument } from '#domain';
import { loadPolicyDirectory, recordingDate, type Mismatch } from '#policy-files';
import { goldenMismatches, loadGoldenCases, type GoldenCase } from '../golden/golden-cases.js';
import { ApiHarness } from './support/api-harness.js';

const POLICY_DIR = fileURLToPath(new URL('../../policies/ai-export-controls', import.meta.url));
const directory = loadPolicyDirectory(POLICY_DIR);
const cases = loadGoldenCases();

const EVALUATE = `query($input: DeterminationInput!, $at: PolicyCoordinates, $consistentWith: Float) {
  evaluate(input: $input, at: $at, consistentWith: $consistentWith) {
    outcome reviewPolicy exceptions
    items { requirements }
    enforcement { regime status }
    conditions { exception code }
    assumptions { fact assumed }
    caveats { subject }
  }
}`;
const ISSUE = `mutation($input: DeterminationInput!, $validAt: DateTime) {
  issueDetermination(input: $input, validAt: $validAt) { id outcome reviewPolicy exceptions position engineVersion policyVersion { stateHash } }
}`;
const REPLAY = `query($id: ID!, $at: PolicyCoordinates, $consistentWith: Float) {
  replayDetermination(id: $id, at: $at, consistentWith: $consistentWith) {
    changed sameState
    original { outcome policyVersion { stateHash } }
    replayed { outcome reviewPolicy exceptions conditions { exception code } policyVersion { stateHash } }
    differences { path }
    causes { changeId }
  }
}`;

/** The knowledge cut-offs the table asks about, then "every file". */
const cutoffs = [...new Set(cases.flatMap((c) => (c.knownAt ? [c.knownAt] : [])))].sort();
const recordedBy = (cutoff: string | null): PolicyDocument[] =>
  directory.documents.filter((document) => cutoff === null || instantMs(recordingDate(document)) <= instantMs(cutoff));

/** Determinations recorded under the record as it stood before the corrections of 2026-12-02. */
const BEFORE_CORRECTIONS: { name: string; validAt: string; input: DeterminationInput }[] = [
  {
    name: 'Saudi Arabia, 3A090.b, 2023-12',
    validAt: '2023-12-01',
    input: {
      destination: 'SA',
      consignee: { id: 'replay-sa', country: 'SA', headquarters: 'SA' },
      items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 3000, performanceDensity: 2, quantity: 100 }],
    },
  },
  {
    name: 'China, H100, 2026-03',
    validAt: '2026-03-01',
    input: {
      destination: 'CN',
      consignee: { id: 'replay-cn', country: 'CN', headquarters: 'CN' },
      items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15831, performanceDensity: 19.4, quantity: 100 }],
    },
  },
  {
    name: 'India, closed weights, U.S.-headquartered buyer, 2025-06',
    validAt: '2025-06-01',
    input: {
      destination: 'IN',
      consignee: { id: 'replay-in-w', country: 'IN', headquarters: 'US' },
      items: [{ kind: 'MODEL_WEIGHTS', trainingOperations: 3e26 }],
    },
  },
  {
    name: 'India, 400 H100 under LPP, 2025-06',
    validAt: '2025-06-01',
    input: {
      destination: 'IN',
      consignee: { id: 'replay-in', country: 'IN', headquarters: 'IN' },
      items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15831, performanceDensity: 19.4, quantity: 400 }],
    },
  },
];

/**
 * The golden table through GraphQL `evaluate` on the started API, and the replay promise across
 * the corrections of 2026-12-02. The store records policy files when they are imported, so a
 * case's `knownAt` (offline: "the files recorded by then") is reproduced by importing the files in
 * stages, the store seeded with those recorded by the first cut-off, and asking each case when
 * exactly the files of its cut-off are known. A case with year-to-date ledger figures first has
 * them drawn by an issued determination for a consignee of its own.
 */
describe('legal fidelity over GraphQL', () => {
  let api: ApiHarness;
  let policies: string;
  let position = 0;
  const imported = new Set<string>();
  const issued: { name: string; id: string; outcome: string; stateHash: string }[] = [];

  beforeAll(async () => {
    policies = mkdtempSync(join(tmpdir(), 'legal-fidelity-policies-'));
    mkdirSync(join(policies, directory.policyId));
    for (const document of recordedBy(cutoffs[0] ?? null)) {
      copyFileSync(join(POLICY_DIR, `${document.id}.yaml`), join(policies, directory.policyId, `${document.id}.yaml`));
      imported.add(document.id);
    }
    api = await ApiHarness.start('sqlite', { env: { POLICIES_DIR: policies } });
  });
  afterAll(async () => {
    await api?.stop();
    rmSync(policies, { recursive: true, force: true });
  });

  async function importUpTo(cutoff: string | null): Promise<void> {
    const next = recordedBy(cutoff).filter((document) => !imported.has(document.id));
    if (next.length === 0) return;
    const summary = await api.importPolicy(next);
    for (const document of next) imported.add(document.id);
    position = Math.max(position, summary.position);
  }

  async function answer(golden: GoldenCase, index: number): Promise<{ name: string; mismatches: Mismatch[] }> {
    let input = golden.input;
    if (golden.ledger) {
      input = { ...input, consignee: { ...input.consignee, id: `${input.consignee.id}-golden-${index}` } };
      for (const [ledger, amount] of Object.entries(golden.ledger)) {
        const draw = { ...input, items: [{ kind: 'INTEGRATED_CIRCUIT' as const, eccn: '3A090.a', tpp: amount, quantity: 1 }] };
        const { issueDetermination } = await api.data(ISSUE, { input: draw, validAt: golden.validAt }, 'determiner');
        expect({ ledger, exceptions: issueDetermination.exceptions }).toEqual({ ledger, exceptions: [ledger] });
        position = Math.max(position, issueDetermination.position);
      }
    }
    const at = { validAt: golden.validAt, ...(golden.publishedBy ? { publishedBy: golden.publishedBy } : {}) };
    const { evaluate } = await api.data(EVALUATE, { input, at, consistentWith: position }, 'viewer');
    return { name: golden.name, mismatches: goldenMismatches(golden, evaluate) };
  }

  async function checkCases(knownAt: string | undefined): Promise<void> {
    const got: { name: string; mismatches: Mismatch[] }[] = [];
    for (const [index, golden] of cases.entries()) {
      if (golden.knownAt !== knownAt) continue;
      got.push(await answer(golden, index));
    }
    expect(got.length).toBeGreaterThan(0);
    expect(got.filter((answered) => answered.mismatches.length > 0)).toEqual([]);
  }

  it.each(cutoffs.map((cutoff) => [cutoff]))('answers the cases known at %s with the files recorded by then', async (cutoff) => {
    await importUpTo(cutoff);
    await checkCases(cutoff);
  });

  it('records determinations under the record before the corrections', async () => {
    await importUpTo('2026-11-30T00:00:00.000Z');
    expect([...imported].filter((id) => id.startsWith('2026-12-02'))).toEqual([]);
    for (const { name, validAt, input } of BEFORE_CORRECTIONS) {
      const { issueDetermination: d } = await api.data(ISSUE, { input, validAt }, 'determiner');
      issued.push({ name, id: d.id, outcome: d.outcome, stateHash: d.policyVersion.stateHash });
      position = Math.max(position, d.position);
    }
    expect(issued.map(({ name, outcome }) => [name, outcome])).toEqual([
      ['Saudi Arabia, 3A090.b, 2023-12', 'LICENSE_REQUIRED'],
      ['China, H100, 2026-03', 'LICENSE_REQUIRED'],
      ['India, closed weights, U.S.-headquartered buyer, 2025-06', 'LICENSE_REQUIRED'],
      ['India, 400 H100 under LPP, 2025-06', 'LICENSE_EXCEPTION'],
    ]);
  });

  it('answers every case known today once the corrections are imported', async () => {
    await importUpTo(null);
    expect(imported.size).toBe(directory.documents.length);
    await checkCases(undefined);
  });

  it('replays a determination recorded before the corrections exactly at its original coordinates', async () => {
    for (const determination of issued) {
      const { replayDetermination: replay } = await api.data(REPLAY, { id: determination.id, consistentWith: position }, 'viewer');
      expect({ name: determination.name, changed: replay.changed, sameState: replay.sameState, outcome: replay.replayed.outcome }).toEqual({
        name: determination.name,
        changed: false,
        sameState: true,
        outcome: determination.outcome,
      });
      expect(replay.replayed.policyVersion.stateHash).toBe(determination.stateHash);
    }
  });

  it('names the correcting changes as causes when replayed at today\u2019s knowledge', async () => {
    const today: Record<string, unknown> = {};
    for (const determination of issued) {
      const { replayDetermination: replay } = await api.data(REPLAY, { id: determination.id, at: {}, consistentWith: position }, 'viewer');
      const corrections = (replay.causes as { changeId: string }[]).map((cause) => cause.changeId).filter((id) => id.startsWith('2026-12-02-correction-'));
      today[determination.name] = { changed: replay.changed, outcome: replay.replayed.outcome, correctedBy: corrections.length > 0 };
    }
    expect(today).toEqual({
      'Saudi Arabia, 3A090.b, 2023-12': { changed: true, outcome: 'LICENSE_EXCEPTION', correctedBy: true },
      'China, H100, 2026-03': { changed: true, outcome: 'LICENSE_REQUIRED', correctedBy: true },
      'India, closed weights, U.S.-headquartered buyer, 2025-06': { changed: true, outcome: 'LICENSE_EXCEPTION', correctedBy: true },
      'India, 400 H100 under LPP, 2025-06': { changed: true, outcome: 'LICENSE_EXCEPTION', correctedBy: true },
    });
  });
});
