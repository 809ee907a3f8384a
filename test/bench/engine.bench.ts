import {
  CompiledPolicyCache,
  documentToEvents,
  evaluateDetermination,
  parseInstant,
  PolicyTimeline,
  type DeterminationInput,
  type ItemInput,
  type LedgerFigures,
  type PolicyChange,
  type PolicyVersion,
  type ReviewPolicy,
  type RuleDefinition,
} from '#domain';
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import { performance } from 'node:perf_hooks';
import { loadGoldenCases, loadGoldenPolicy } from '../golden/golden-cases.js';
import { loadBaseline, type BaselineEngine } from './support/baseline-engine.js';
import { median } from './support/stats.js';

/**
 * Determinations per second on one thread against a 2025 AI-Diffusion-like policy of 26 live
 * rules (the second wave's: Note 2, the review tiers of 742.6(b)(10) and 744.23(d), NAC, ACA,
 * AIA for weights by headquarters, exception conditions), measured three ways: (a) our engine
 * (CEL rules as data), (b) the same rules hand-written in TypeScript (the ceiling), (c)
 * json-rules-engine encoding the same decision (the peer). All three must agree on every input
 * before timing. Two input sets: a synthetic mix of shipments and the inputs of the golden table
 * (test/golden). Then (d) our engine on the golden cases at their own coordinates against the
 * real policy files, and (e) this engine against the one tagged wave2-base on the same inputs and
 * policy, in the same sitting; first, that code's own bench runs as it did then.
 */

// ---------------------------------------------------------------------------------------------
// The policy: ai-diffusion-facts.md §§2-5, 10-12, as it stood on 2025-06-01.

const TIER_1 = 'US AU BE CA DK FI FR DE IE IT JP NL NZ NO KR ES SE TW GB';
const GROUPS: Record<string, string> = {
  'D:1': 'AM AZ BY MM KH CN GE IQ KZ KP KG LA LY MO MD MN NI RU TJ TM UZ VE VN YE',
  'D:4': 'BH BY CN EG IR IQ IL JO KP KW LB LY MO OM PK QA RU SA SY AE VE YE',
  'D:5': 'AF BY MM KH CF CN CD CU ER HT IR IQ KP LB LY NI RU SO SS SD SY VE ZW',
  'A:5': 'AR AU AT BE BG CA HR CZ DK EE FI FR DE GR HU IS IN IE IT JP KR LV LT LU NL NZ NO PL PT RO SK SI ES SE CH TR GB',
  'A:6': 'AL CY IL MT MX SG ZA TW',
};
const PARAMETERS: Record<string, number> = {
  '3a090.a.tpp': 4800,
  '3a090.a.alt.tpp': 1600,
  '3a090.a.alt.pd': 5.92,
  '3a090.b.tpp': 2400,
  '3a090.b.pd.low': 1.6,
  '3a090.b.pd.alt': 3.2,
  '4e091.ops': 1e26,
  'lpp.cap.tpp': 26_900_000,
  'tier.default': 2,
};

const A = '["3A090.a", "4A090.a"]';
const B = '["3A090.b", "4A090.b"]';
const AB = '["3A090.a", "4A090.a", "3A090.b", "4A090.b"]';
const D5_DEST = '("D:5" in destination.groups || destination.country == "MO")';
const D5_HQ = '("D:5" in consignee.hqGroups || consignee.headquarters == "MO" || "D:5" in consignee.parentGroups || consignee.ultimateParent == "MO")';
const TIER_1_ENTITY = 'consignee.hqTier == 1.0 && (consignee.ultimateParent == "" || consignee.parentTier == 1.0)';
/** 744.23(d): buyers headquartered in the United States, A:5 or A:6 and not majority-owned from D:5 or Macau. */
const APPROVAL = '((consignee.headquarters == "US" || "A:5" in consignee.hqGroups || "A:6" in consignee.hqGroups) && !consignee.majorityOwnedFromD5OrMacau)';
/** Not a datacenter item meeting 3A090.a: what NAC and ACA may cover (740.8). */
const NAC_ITEM = `item.eccn in ${AB} && !(item.eccn in ${A} && item.designedForDatacenter)`;
/** Note 2 to 3A090: the TPP 1,600 / PD 5.92 route and the whole .b band are for datacenter parts only. */
const TIER_A = (kind: string) =>
  `item.kind == "${kind}" && (item.tpp >= params["3a090.a.tpp"] || (item.tpp >= params["3a090.a.alt.tpp"] && item.performanceDensity >= params["3a090.a.alt.pd"] && item.designedForDatacenter))`;
const TIER_B = (kind: string) =>
  `item.kind == "${kind}" && item.designedForDatacenter && ((item.tpp >= params["3a090.b.tpp"] && item.tpp < params["3a090.a.tpp"] && item.performanceDensity >= params["3a090.b.pd.low"] && item.performanceDensity < params["3a090.a.alt.pd"]) || (item.tpp >= params["3a090.a.alt.tpp"] && item.performanceDensity >= params["3a090.b.pd.alt"] && item.performanceDensity < params["3a090.a.alt.pd"]))`;
const condition = (code: string) => ({ code, description: `bench condition ${code}` });

type BenchRule = Omit<RuleDefinition, 'citation' | 'explanation'> & { citation?: string };
const RULES: BenchRule[] = [
  { id: 'cls-3a090a', regime: 'ACS', kind: 'classification', priority: 10, eccn: '3A090.a', condition: TIER_A('INTEGRATED_CIRCUIT') },
  { id: 'cls-4a090a', regime: 'ACS', kind: 'classification', priority: 20, eccn: '4A090.a', condition: TIER_A('COMPUTER') },
  { id: 'cls-3a090b', regime: 'ACS', kind: 'classification', priority: 30, eccn: '3A090.b', condition: TIER_B('INTEGRATED_CIRCUIT') },
  { id: 'cls-4a090b', regime: 'ACS', kind: 'classification', priority: 40, eccn: '4A090.b', condition: TIER_B('COMPUTER') },
  {
    id: 'cls-4e091',
    regime: 'AID',
    kind: 'classification',
    priority: 50,
    eccn: '4E091',
    condition: 'item.kind == "MODEL_WEIGHTS" && !item.openWeights && item.trainingOperations >= params["4e091.ops"]',
  },
  {
    id: 'req-b-d145',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_APPROVAL',
    condition: `item.eccn in ${B} && ("D:1" in destination.groups || "D:4" in destination.groups || "D:5" in destination.groups) && !("A:5" in destination.groups || "A:6" in destination.groups)`,
  },
  { id: 'req-b-d5', regime: 'ACS', kind: 'requirement', reviewPolicy: 'CASE_BY_CASE', condition: `item.eccn in ${B} && ${D5_DEST}` },
  {
    id: 'req-d5-hq',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_DENIAL',
    condition: `item.eccn in ${A} && item.designedForDatacenter && ${D5_HQ} && !${APPROVAL}`,
  },
  {
    id: 'req-d5-hq-cbc',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'CASE_BY_CASE',
    condition: `${NAC_ITEM} && ${D5_HQ} && !${APPROVAL}`,
  },
  {
    id: 'req-d5-hq-approval',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_APPROVAL',
    condition: `item.eccn in ${AB} && ${D5_HQ} && ${APPROVAL}`,
  },
  {
    id: 'req-a-d5',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_DENIAL',
    condition: `item.eccn in ${A} && item.designedForDatacenter && ${D5_DEST}`,
  },
  {
    id: 'req-a-d5-cbc',
    regime: 'ACS',
    kind: 'requirement',
    reviewPolicy: 'CASE_BY_CASE',
    condition: `item.eccn in ${A} && !item.designedForDatacenter && ${D5_DEST}`,
  },
  { id: 'req-a-tier1', regime: 'AID', kind: 'requirement', reviewPolicy: 'PRESUMPTION_OF_APPROVAL', condition: `item.eccn in ${A} && destination.tier == 1.0` },
  { id: 'req-a-tier2', regime: 'AID', kind: 'requirement', reviewPolicy: 'CASE_BY_CASE', condition: `item.eccn in ${A} && destination.tier == 2.0` },
  {
    id: 'req-4e091-tier1',
    regime: 'AID',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_APPROVAL',
    condition: 'item.eccn == "4E091" && destination.tier == 1.0',
  },
  {
    id: 'req-4e091-other',
    regime: 'AID',
    kind: 'requirement',
    reviewPolicy: 'PRESUMPTION_OF_DENIAL',
    condition: 'item.eccn == "4E091" && destination.tier != 1.0',
  },
  {
    id: 'exc-aia-chips',
    regime: 'AID',
    kind: 'exception',
    priority: 10,
    code: 'AIA',
    covers: ['req-a-tier1'],
    condition: `item.eccn in ${A} && destination.tier == 1.0 && ${TIER_1_ENTITY}`,
    conditions: [condition('END_USE_CERTIFICATION')],
  },
  {
    id: 'exc-aia-weights',
    regime: 'AID',
    kind: 'exception',
    priority: 10,
    code: 'AIA',
    covers: ['req-4e091-tier1'],
    condition: `item.eccn == "4E091" && destination.tier == 1.0 && ${TIER_1_ENTITY}`,
  },
  {
    id: 'exc-aia-weights-hq',
    regime: 'AID',
    kind: 'exception',
    priority: 11,
    code: 'AIA',
    covers: ['req-4e091-other'],
    condition: `item.eccn == "4E091" && destination.tier != 1.0 && !${D5_DEST} && (consignee.hqTier == 1.0 || consignee.parentTier == 1.0) && !${D5_HQ}`,
    conditions: [condition('SECURE_STORAGE')],
  },
  {
    id: 'exc-acm',
    regime: 'AID',
    kind: 'exception',
    priority: 20,
    code: 'ACM',
    covers: ['req-a-tier1', 'req-a-tier2'],
    condition: `item.eccn in ${A} && endUse in ["development", "production", "storage"] && !${D5_DEST} && !${D5_HQ}`,
  },
  {
    id: 'exc-uveu',
    regime: 'AID',
    kind: 'exception',
    priority: 30,
    code: 'UVEU',
    covers: ['req-a-tier2'],
    condition: `item.eccn in ${A} && consignee.veu == "UVEU" && consignee.hqTier == 1.0 && destination.tier == 2.0`,
  },
  {
    id: 'exc-nveu',
    regime: 'AID',
    kind: 'exception',
    priority: 40,
    code: 'NVEU',
    covers: ['req-a-tier2'],
    condition: `item.eccn in ${A} && consignee.veu == "NVEU" && !${D5_HQ} && destination.tier == 2.0`,
  },
  {
    id: 'exc-lpp',
    regime: 'AID',
    kind: 'exception',
    priority: 50,
    code: 'LPP',
    covers: ['req-a-tier2'],
    cap: { ledger: 'LPP', parameter: 'lpp.cap.tpp', measure: 'totalTpp' },
    condition: `item.eccn in ${A} && destination.tier == 2.0 && !${D5_HQ}`,
    conditions: [condition('YEARLY_CAP')],
  },
  {
    id: 'exc-aca',
    regime: 'ACS',
    kind: 'exception',
    priority: 60,
    code: 'ACA',
    covers: ['req-b-d145'],
    condition: `${NAC_ITEM} && !${D5_DEST} && !${D5_HQ}`,
    conditions: [condition('PURCHASE_ORDER')],
  },
  {
    id: 'exc-nac',
    regime: 'ACS',
    kind: 'exception',
    priority: 70,
    code: 'NAC',
    covers: ['req-b-d5', 'req-a-d5', 'req-a-d5-cbc', 'req-d5-hq', 'req-d5-hq-cbc', 'req-d5-hq-approval'],
    condition: `${NAC_ITEM} && (${D5_DEST} || ${D5_HQ}) && transaction != "IN_COUNTRY_TRANSFER"`,
    conditions: [condition('PRIOR_NOTIFICATION'), condition('PURCHASE_ORDER')],
  },
];

function policyChanges(): PolicyChange[] {
  const at = (date: string) => parseInstant(date);
  const changes: PolicyChange[] = [
    { type: 'ENACT_REGIME', regime: 'ACS', title: 'Advanced computing and semiconductor rule (88 FR 73458)', effectiveAt: at('2023-11-17') },
    { type: 'ENACT_REGIME', regime: 'AID', title: 'Framework for AI Diffusion (90 FR 4544)', effectiveAt: at('2025-01-13') },
    { type: 'SUSPEND_ENFORCEMENT', regime: 'AID', effectiveAt: at('2025-05-13') },
  ];
  const groupsOf = new Map<string, string[]>();
  for (const [group, codes] of Object.entries(GROUPS)) for (const code of codes.split(' ')) groupsOf.set(code, [...(groupsOf.get(code) ?? []), group]);
  for (const [country, groups] of groupsOf) changes.push({ type: 'CHANGE_COUNTRY_GROUPS', country, groups, effectiveAt: at('2023-11-17') });
  for (const country of TIER_1.split(' ')) changes.push({ type: 'REASSIGN_TIER', country, tier: 1, effectiveAt: at('2025-01-13') });
  for (const country of [...GROUPS['D:5'].split(' '), 'MO']) changes.push({ type: 'REASSIGN_TIER', country, tier: 3, effectiveAt: at('2025-01-13') });
  for (const [parameter, value] of Object.entries(PARAMETERS))
    changes.push({ type: 'SET_THRESHOLD', parameter, value, unit: 'n', effectiveAt: at('2025-01-13') });
  for (const rule of RULES) {
    const full: RuleDefinition = { citation: `bench ${rule.id}`, explanation: `bench rule ${rule.id}`, ...rule };
    changes.push({ type: 'ADD_RULE', rule: full, effectiveAt: at(rule.regime === 'AID' ? '2025-01-13' : '2023-11-17') });
  }
  return changes;
}

export function benchPolicyVersion(): PolicyVersion {
  const source = { citation: 'bench', publishedAt: parseInstant('2025-01-15') };
  const events = documentToEvents({ id: 'bench', policyId: 'ai-export-controls', title: 'bench', rationale: 'bench', source, changes: policyChanges() });
  const recorded = events.map((event, i) => ({ event, position: i + 1, recordedAt: parseInstant('2025-01-15') }));
  return new PolicyTimeline('ai-export-controls', recorded).stateAt({ validAt: parseInstant('2025-06-01'), knownAt: parseInstant('2026-01-01') });
}

// ---------------------------------------------------------------------------------------------
// Inputs.

interface BenchCase {
  input: DeterminationInput;
  ledger: LedgerFigures;
}

/** The golden table's inputs and ledger figures, without their coordinates. */
function goldenInputs(): BenchCase[] {
  return loadGoldenCases().map(({ input, ledger }) => ({ input, ledger: ledger ?? {} }));
}

/** A synthetic mix: H100-class chips and servers in various quantities, mid-range and consumer chips, model weights, across tiers. */
export function benchInputs(): BenchCase[] {
  const h100 = (quantity: number): ItemInput => ({
    kind: 'INTEGRATED_CIRCUIT',
    description: 'H100-class GPU',
    tpp: 15_831,
    performanceDensity: 19.4,
    quantity,
  });
  const server = (quantity: number): ItemInput => ({ kind: 'COMPUTER', description: '8-GPU server', tpp: 8 * 15_831, performanceDensity: 19.4, quantity });
  const midrange = (quantity: number): ItemInput => ({
    kind: 'INTEGRATED_CIRCUIT',
    description: 'mid-range accelerator',
    tpp: 3_000,
    performanceDensity: 4,
    quantity,
  });
  const gaming = (quantity: number): ItemInput => ({ kind: 'INTEGRATED_CIRCUIT', description: 'consumer GPU', tpp: 1_200, performanceDensity: 1.2, quantity });
  const consumer = (quantity: number): ItemInput => ({
    kind: 'INTEGRATED_CIRCUIT',
    description: 'consumer GPU above 4,800 TPP',
    tpp: 5_285,
    performanceDensity: 8.7,
    designedForDatacenter: false,
    quantity,
  });
  const declared = (quantity: number): ItemInput => ({ ...h100(quantity), eccn: '3A090.a' });
  const weights = (trainingOperations: number, openWeights = false): ItemInput => ({ kind: 'MODEL_WEIGHTS', trainingOperations, openWeights });
  const consignees: Array<[string, string, string?, string?]> = [
    ['DE', 'DE'],
    ['JP', 'JP'],
    ['GB', 'US'],
    ['IN', 'IN'],
    ['IN', 'US', 'US', 'UVEU'],
    ['AE', 'AE', undefined, 'NVEU'],
    ['SA', 'SA'],
    ['SG', 'SG'],
    ['MY', 'CN'],
    ['PL', 'PL'],
    ['IL', 'IL'],
    ['BR', 'BR'],
    ['VN', 'VN'],
    ['CN', 'CN'],
    ['MO', 'MO'],
    ['NL', 'NL', 'CN'],
    ['KR', 'KR'],
    ['MX', 'MX'],
    ['MY', 'US', 'CN'],
  ];
  const baskets: ItemInput[][] = [
    [h100(8)],
    [h100(512)],
    [server(4)],
    [h100(1_000), server(16)],
    [midrange(200)],
    [gaming(50), h100(64)],
    [weights(3e26)],
    [weights(5e25)],
    [weights(2e26, true)],
    [declared(128)],
    [h100(4_096), midrange(100), gaming(10)],
    [server(32)],
    [consumer(100), midrange(50)],
  ];
  const cases: BenchCase[] = [];
  consignees.forEach(([destination, headquarters, ultimateParent, veu], c) => {
    baskets.forEach((items, b) => {
      const consignee = { id: `consignee-${c}`, country: destination, headquarters, ...(ultimateParent ? { ultimateParent } : {}), ...(veu ? { veu } : {}) };
      const endUse = (c + b) % 5 === 0 ? 'development' : 'deployment';
      cases.push({ input: { destination, consignee, items, endUse, reference: `order-${c}-${b}` }, ledger: { LPP: ((c * 7 + b * 3) % 10) * 2_500_000 } });
    });
  });
  return cases;
}

// ---------------------------------------------------------------------------------------------
// What the three implementations are compared on.

type Outcome = 'NO_LICENSE_REQUIRED' | 'LICENSE_EXCEPTION' | 'LICENSE_REQUIRED';
interface ItemDecision {
  eccn: string;
  outcome: Outcome;
  reviewPolicy: ReviewPolicy | null;
  exceptions: string[];
}
interface Decision {
  outcome: Outcome;
  reviewPolicy: ReviewPolicy | null;
  exceptions: string[];
  items: ItemDecision[];
  drawn: number;
}
const OUTCOME_RANK: Record<Outcome, number> = { NO_LICENSE_REQUIRED: 0, LICENSE_EXCEPTION: 1, LICENSE_REQUIRED: 2 };
const REVIEW_RANK: Record<ReviewPolicy, number> = { PRESUMPTION_OF_APPROVAL: 0, CASE_BY_CASE: 1, PRESUMPTION_OF_DENIAL: 2 };
const stricterReview = (a: ReviewPolicy | null, b: ReviewPolicy | null) => (a === null ? b : b === null ? a : REVIEW_RANK[b] > REVIEW_RANK[a] ? b : a);

interface Applied {
  id: string;
  reviewPolicy: ReviewPolicy;
}
interface Eligible {
  code: string;
  covers: string[];
  capped: boolean;
}

/** Item outcome from the requirements that apply and the exceptions whose condition holds (ADR 006). */
function coverItem(
  applied: Applied[],
  eligible: Eligible[],
  measure: number,
  capRoom: () => number,
  draw: (amount: number) => void,
): Omit<ItemDecision, 'eccn'> {
  if (applied.length === 0) return { outcome: 'NO_LICENSE_REQUIRED', reviewPolicy: null, exceptions: [] };
  const uncovered = new Set(applied.map((r) => r.id));
  const codes = new Set<string>();
  let pending = 0;
  for (const capped of [false, true]) {
    for (const exception of eligible) {
      if (exception.capped !== capped || !exception.covers.some((id) => uncovered.has(id))) continue;
      if (capped && pending + measure > capRoom()) continue;
      if (capped) pending += measure;
      for (const id of exception.covers) uncovered.delete(id);
      codes.add(exception.code);
    }
  }
  if (uncovered.size === 0) {
    if (pending > 0) draw(pending);
    return { outcome: 'LICENSE_EXCEPTION', reviewPolicy: null, exceptions: [...codes].sort() };
  }
  let review: ReviewPolicy | null = null;
  for (const r of applied) if (uncovered.has(r.id)) review = stricterReview(review, r.reviewPolicy);
  return { outcome: 'LICENSE_REQUIRED', reviewPolicy: review, exceptions: [] };
}

function aggregate(items: ItemDecision[], drawn: number): Decision {
  let outcome: Outcome = 'NO_LICENSE_REQUIRED';
  let reviewPolicy: ReviewPolicy | null = null;
  const exceptions = new Set<string>();
  for (const item of items) {
    if (OUTCOME_RANK[item.outcome] > OUTCOME_RANK[outcome]) outcome = item.outcome;
    reviewPolicy = stricterReview(reviewPolicy, item.reviewPolicy);
    for (const code of item.exceptions) exceptions.add(code);
  }
  return { outcome, reviewPolicy, exceptions: [...exceptions].sort(), items, drawn };
}

// ---------------------------------------------------------------------------------------------
// (b) The ceiling: the same rules as plain TypeScript.

interface Country {
  tier: number;
  groups: string[];
}

function handWritten(version: PolicyVersion): (c: BenchCase) => Decision {
  const p = (name: string) => version.state.parameters.get(name)?.value ?? Number.NaN;
  const country = (code: string | undefined): Country => {
    if (!code) return { tier: 0, groups: [] };
    const known = version.state.countries.get(code);
    return { tier: known?.tier ?? p('tier.default'), groups: known ? [...known.groups] : [] };
  };
  const isA = (eccn: string) => eccn === '3A090.a' || eccn === '4A090.a';
  const isB = (eccn: string) => eccn === '3A090.b' || eccn === '4A090.b';
  return ({ input, ledger }) => {
    const dest = country(input.destination);
    const hq = country(input.consignee.headquarters);
    const parent = country(input.consignee.ultimateParent);
    const d5Dest = dest.groups.includes('D:5') || input.destination === 'MO';
    const d5Hq = hq.groups.includes('D:5') || input.consignee.headquarters === 'MO' || parent.groups.includes('D:5') || input.consignee.ultimateParent === 'MO';
    const tier1Entity = hq.tier === 1 && (!input.consignee.ultimateParent || parent.tier === 1);
    const development = ['development', 'production', 'storage'].includes(input.endUse ?? '');
    const approval =
      (input.consignee.headquarters === 'US' || hq.groups.includes('A:5') || hq.groups.includes('A:6')) && input.consignee.majorityOwnedFromD5OrMacau === false;
    const inCountry = input.transaction === 'IN_COUNTRY_TRANSFER';
    let drawn = 0;
    const items = input.items.map((item) => {
      const tpp = item.tpp ?? 0;
      const pd = item.performanceDensity ?? 0;
      const datacenter = item.designedForDatacenter ?? true;
      const tierA = tpp >= p('3a090.a.tpp') || (tpp >= p('3a090.a.alt.tpp') && pd >= p('3a090.a.alt.pd') && datacenter);
      const tierB =
        datacenter &&
        ((tpp >= p('3a090.b.tpp') && tpp < p('3a090.a.tpp') && pd >= p('3a090.b.pd.low') && pd < p('3a090.a.alt.pd')) ||
          (tpp >= p('3a090.a.alt.tpp') && pd >= p('3a090.b.pd.alt') && pd < p('3a090.a.alt.pd')));
      const chip = item.kind === 'INTEGRATED_CIRCUIT';
      const computer = item.kind === 'COMPUTER';
      const eccn =
        item.eccn ??
        (chip && tierA
          ? '3A090.a'
          : computer && tierA
            ? '4A090.a'
            : chip && tierB
              ? '3A090.b'
              : computer && tierB
                ? '4A090.b'
                : item.kind === 'MODEL_WEIGHTS' && !item.openWeights && (item.trainingOperations ?? 0) >= p('4e091.ops')
                  ? '4E091'
                  : 'EAR99');
      const applied: Applied[] = [];
      const groups = dest.groups;
      if (isB(eccn) && (groups.includes('D:1') || groups.includes('D:4') || groups.includes('D:5')) && !(groups.includes('A:5') || groups.includes('A:6'))) {
        applied.push({ id: 'req-b-d145', reviewPolicy: 'PRESUMPTION_OF_APPROVAL' });
      }
      const nacItem = (isA(eccn) && !datacenter) || isB(eccn);
      if (isB(eccn) && d5Dest) applied.push({ id: 'req-b-d5', reviewPolicy: 'CASE_BY_CASE' });
      if (isA(eccn) && datacenter && d5Hq && !approval) applied.push({ id: 'req-d5-hq', reviewPolicy: 'PRESUMPTION_OF_DENIAL' });
      if (nacItem && d5Hq && !approval) applied.push({ id: 'req-d5-hq-cbc', reviewPolicy: 'CASE_BY_CASE' });
      if ((isA(eccn) || isB(eccn)) && d5Hq && approval) applied.push({ id: 'req-d5-hq-approval', reviewPolicy: 'PRESUMPTION_OF_APPROVAL' });
      if (isA(eccn) && datacenter && d5Dest) applied.push({ id: 'req-a-d5', reviewPolicy: 'PRESUMPTION_OF_DENIAL' });
      if (isA(eccn) && !datacenter && d5Dest) applied.push({ id: 'req-a-d5-cbc', reviewPolicy: 'CASE_BY_CASE' });
      if (isA(eccn) && dest.tier === 1) applied.push({ id: 'req-a-tier1', reviewPolicy: 'PRESUMPTION_OF_APPROVAL' });
      if (isA(eccn) && dest.tier === 2) applied.push({ id: 'req-a-tier2', reviewPolicy: 'CASE_BY_CASE' });
      if (eccn === '4E091' && dest.tier === 1) applied.push({ id: 'req-4e091-tier1', reviewPolicy: 'PRESUMPTION_OF_APPROVAL' });
      if (eccn === '4E091' && dest.tier !== 1) applied.push({ id: 'req-4e091-other', reviewPolicy: 'PRESUMPTION_OF_DENIAL' });
      const eligible: Eligible[] = [];
      if (isA(eccn) && dest.tier === 1 && tier1Entity) eligible.push({ code: 'AIA', covers: ['req-a-tier1'], capped: false });
      if (eccn === '4E091' && dest.tier === 1 && tier1Entity) eligible.push({ code: 'AIA', covers: ['req-4e091-tier1'], capped: false });
      if (eccn === '4E091' && dest.tier !== 1 && !d5Dest && (hq.tier === 1 || parent.tier === 1) && !d5Hq) {
        eligible.push({ code: 'AIA', covers: ['req-4e091-other'], capped: false });
      }
      if (isA(eccn) && development && !d5Dest && !d5Hq) eligible.push({ code: 'ACM', covers: ['req-a-tier1', 'req-a-tier2'], capped: false });
      if (isA(eccn) && input.consignee.veu === 'UVEU' && hq.tier === 1 && dest.tier === 2)
        eligible.push({ code: 'UVEU', covers: ['req-a-tier2'], capped: false });
      if (isA(eccn) && input.consignee.veu === 'NVEU' && !d5Hq && dest.tier === 2) eligible.push({ code: 'NVEU', covers: ['req-a-tier2'], capped: false });
      if (isA(eccn) && dest.tier === 2 && !d5Hq && item.tpp !== undefined) eligible.push({ code: 'LPP', covers: ['req-a-tier2'], capped: true });
      if (nacItem && !d5Dest && !d5Hq) eligible.push({ code: 'ACA', covers: ['req-b-d145'], capped: false });
      if (nacItem && (d5Dest || d5Hq) && !inCountry) {
        eligible.push({ code: 'NAC', covers: ['req-b-d5', 'req-a-d5', 'req-a-d5-cbc', 'req-d5-hq', 'req-d5-hq-cbc', 'req-d5-hq-approval'], capped: false });
      }
      const measure = tpp * (item.quantity ?? 1);
      const decided = coverItem(
        applied,
        eligible,
        measure,
        () => p('lpp.cap.tpp') - (ledger['LPP'] ?? 0) - drawn,
        (amount) => (drawn += amount),
      );
      return { eccn, ...decided };
    });
    return aggregate(items, drawn);
  };
}

// ---------------------------------------------------------------------------------------------
// (c) The peer: json-rules-engine, two passes per item (classification, then requirements and
// exceptions), thresholds as facts, the cover choice in the same plain code as the ceiling.

type Condition = TopLevelCondition | { fact: string; operator: string; value: unknown };
const all = (...conditions: Condition[]) => ({ all: conditions }) as TopLevelCondition;
const any = (...conditions: Condition[]) => ({ any: conditions }) as TopLevelCondition;
const not = (condition: Condition) => ({ not: condition }) as TopLevelCondition;
const is = (fact: string, operator: string, value: unknown): Condition => ({ fact, operator, value });
const param = (name: string) => ({ fact: `param:${name}` });

function jsonRulesEngine(version: PolicyVersion): (c: BenchCase) => Promise<Decision> {
  const inA = is('eccn', 'in', ['3A090.a', '4A090.a']);
  const inB = is('eccn', 'in', ['3A090.b', '4A090.b']);
  const d5Dest = any(is('destGroups', 'contains', 'D:5'), is('destination', 'equal', 'MO'));
  const d5Hq = any(
    is('hqGroups', 'contains', 'D:5'),
    is('headquarters', 'equal', 'MO'),
    is('parentGroups', 'contains', 'D:5'),
    is('ultimateParent', 'equal', 'MO'),
  );
  const tier1Entity = all(is('hqTier', 'equal', 1), any(is('ultimateParent', 'equal', ''), is('parentTier', 'equal', 1)));
  const datacenter = is('datacenter', 'equal', true);
  const approval = all(
    any(is('headquarters', 'equal', 'US'), is('hqGroups', 'contains', 'A:5'), is('hqGroups', 'contains', 'A:6')),
    is('majorityOwned', 'equal', false),
  );
  const nacItem = any(all(inA, not(datacenter)), inB);
  const tierA = (kind: string) =>
    all(
      is('kind', 'equal', kind),
      any(
        is('tpp', 'greaterThanInclusive', param('3a090.a.tpp')),
        all(is('tpp', 'greaterThanInclusive', param('3a090.a.alt.tpp')), is('pd', 'greaterThanInclusive', param('3a090.a.alt.pd')), datacenter),
      ),
    );
  const tierB = (kind: string) =>
    all(
      is('kind', 'equal', kind),
      datacenter,
      any(
        all(
          is('tpp', 'greaterThanInclusive', param('3a090.b.tpp')),
          is('tpp', 'lessThan', param('3a090.a.tpp')),
          is('pd', 'greaterThanInclusive', param('3a090.b.pd.low')),
          is('pd', 'lessThan', param('3a090.a.alt.pd')),
        ),
        all(
          is('tpp', 'greaterThanInclusive', param('3a090.a.alt.tpp')),
          is('pd', 'greaterThanInclusive', param('3a090.b.pd.alt')),
          is('pd', 'lessThan', param('3a090.a.alt.pd')),
        ),
      ),
    );
  const classify = (order: number, eccn: string, conditions: TopLevelCondition): RuleProperties => ({
    conditions,
    priority: 100 - order,
    event: { type: 'eccn', params: { eccn, order } },
  });
  const requirement = (id: string, reviewPolicy: ReviewPolicy, conditions: TopLevelCondition): RuleProperties => ({
    conditions,
    event: { type: 'requirement', params: { id, reviewPolicy } },
  });
  const exception = (order: number, code: string, covers: string[], conditions: TopLevelCondition, capped = false): RuleProperties => ({
    conditions,
    event: { type: 'exception', params: { order, code, covers, capped } },
  });
  const classification = new Engine([
    classify(10, '3A090.a', tierA('INTEGRATED_CIRCUIT')),
    classify(20, '4A090.a', tierA('COMPUTER')),
    classify(30, '3A090.b', tierB('INTEGRATED_CIRCUIT')),
    classify(40, '4A090.b', tierB('COMPUTER')),
    classify(
      50,
      '4E091',
      all(is('kind', 'equal', 'MODEL_WEIGHTS'), is('openWeights', 'equal', false), is('trainingOperations', 'greaterThanInclusive', param('4e091.ops'))),
    ),
  ]);
  const decision = new Engine([
    requirement(
      'req-b-d145',
      'PRESUMPTION_OF_APPROVAL',
      all(
        inB,
        any(is('destGroups', 'contains', 'D:1'), is('destGroups', 'contains', 'D:4'), is('destGroups', 'contains', 'D:5')),
        not(any(is('destGroups', 'contains', 'A:5'), is('destGroups', 'contains', 'A:6'))),
      ),
    ),
    requirement('req-b-d5', 'CASE_BY_CASE', all(inB, d5Dest)),
    requirement('req-d5-hq', 'PRESUMPTION_OF_DENIAL', all(inA, datacenter, d5Hq, not(approval))),
    requirement('req-d5-hq-cbc', 'CASE_BY_CASE', all(nacItem, d5Hq, not(approval))),
    requirement('req-d5-hq-approval', 'PRESUMPTION_OF_APPROVAL', all(any(inA, inB), d5Hq, approval)),
    requirement('req-a-d5', 'PRESUMPTION_OF_DENIAL', all(inA, datacenter, d5Dest)),
    requirement('req-a-d5-cbc', 'CASE_BY_CASE', all(inA, not(datacenter), d5Dest)),
    requirement('req-a-tier1', 'PRESUMPTION_OF_APPROVAL', all(inA, is('destTier', 'equal', 1))),
    requirement('req-a-tier2', 'CASE_BY_CASE', all(inA, is('destTier', 'equal', 2))),
    requirement('req-4e091-tier1', 'PRESUMPTION_OF_APPROVAL', all(is('eccn', 'equal', '4E091'), is('destTier', 'equal', 1))),
    requirement('req-4e091-other', 'PRESUMPTION_OF_DENIAL', all(is('eccn', 'equal', '4E091'), is('destTier', 'notEqual', 1))),
    exception(10, 'AIA', ['req-a-tier1'], all(inA, is('destTier', 'equal', 1), tier1Entity)),
    exception(11, 'AIA', ['req-4e091-tier1'], all(is('eccn', 'equal', '4E091'), is('destTier', 'equal', 1), tier1Entity)),
    exception(
      12,
      'AIA',
      ['req-4e091-other'],
      all(is('eccn', 'equal', '4E091'), is('destTier', 'notEqual', 1), not(d5Dest), any(is('hqTier', 'equal', 1), is('parentTier', 'equal', 1)), not(d5Hq)),
    ),
    exception(20, 'ACM', ['req-a-tier1', 'req-a-tier2'], all(inA, is('endUse', 'in', ['development', 'production', 'storage']), not(d5Dest), not(d5Hq))),
    exception(30, 'UVEU', ['req-a-tier2'], all(inA, is('veu', 'equal', 'UVEU'), is('hqTier', 'equal', 1), is('destTier', 'equal', 2))),
    exception(40, 'NVEU', ['req-a-tier2'], all(inA, is('veu', 'equal', 'NVEU'), not(d5Hq), is('destTier', 'equal', 2))),
    exception(50, 'LPP', ['req-a-tier2'], all(inA, is('destTier', 'equal', 2), not(d5Hq), is('tppStated', 'equal', true)), true),
    exception(60, 'ACA', ['req-b-d145'], all(nacItem, not(d5Dest), not(d5Hq))),
    exception(
      70,
      'NAC',
      ['req-b-d5', 'req-a-d5', 'req-a-d5-cbc', 'req-d5-hq', 'req-d5-hq-cbc', 'req-d5-hq-approval'],
      all(nacItem, any(d5Dest, d5Hq), is('transaction', 'notEqual', 'IN_COUNTRY_TRANSFER')),
    ),
  ]);
  const params: Record<string, number> = {};
  for (const parameter of version.state.parameters.values()) params[`param:${parameter.name}`] = parameter.value;
  const country = (code: string | undefined): Country => {
    if (!code) return { tier: 0, groups: [] };
    const known = version.state.countries.get(code);
    return { tier: known?.tier ?? params['param:tier.default'], groups: known ? [...known.groups] : [] };
  };
  return async ({ input, ledger }) => {
    const dest = country(input.destination);
    const hq = country(input.consignee.headquarters);
    const parent = country(input.consignee.ultimateParent);
    const shared = {
      ...params,
      destination: input.destination,
      destTier: dest.tier,
      destGroups: dest.groups,
      headquarters: input.consignee.headquarters,
      hqTier: hq.tier,
      hqGroups: hq.groups,
      ultimateParent: input.consignee.ultimateParent ?? '',
      parentTier: parent.tier,
      parentGroups: parent.groups,
      veu: input.consignee.veu ?? '',
      endUse: input.endUse ?? '',
      majorityOwned: input.consignee.majorityOwnedFromD5OrMacau ?? true,
      transaction: input.transaction ?? 'EXPORT',
    };
    let drawn = 0;
    const items: ItemDecision[] = [];
    for (const item of input.items) {
      const facts = {
        ...shared,
        kind: item.kind,
        tpp: item.tpp ?? 0,
        pd: item.performanceDensity ?? 0,
        trainingOperations: item.trainingOperations ?? 0,
        openWeights: item.openWeights ?? false,
        datacenter: item.designedForDatacenter ?? true,
        tppStated: item.tpp !== undefined,
      };
      let eccn = item.eccn;
      if (eccn === undefined) {
        const { events } = await classification.run(facts);
        const first = events.map((e) => e.params as { eccn: string; order: number }).sort((a, b) => a.order - b.order)[0];
        eccn = first?.eccn ?? 'EAR99';
      }
      const { events } = await decision.run({ ...facts, eccn });
      const applied = events.filter((e) => e.type === 'requirement').map((e) => e.params as unknown as Applied);
      const eligible = events
        .filter((e) => e.type === 'exception')
        .map((e) => e.params as unknown as Eligible & { order: number })
        .sort((a, b) => a.order - b.order);
      const measure = (item.tpp ?? 0) * (item.quantity ?? 1);
      const decided = coverItem(
        applied,
        eligible,
        measure,
        () => params['param:lpp.cap.tpp'] - (ledger['LPP'] ?? 0) - drawn,
        (amount) => (drawn += amount),
      );
      items.push({ eccn, ...decided });
    }
    return aggregate(items, drawn);
  };
}

// ---------------------------------------------------------------------------------------------
// (a) Our engine, and the measurement.

function ourEngine(version: PolicyVersion): (c: BenchCase) => Decision {
  const compiled = new CompiledPolicyCache().compiledFor(version);
  return ({ input, ledger }) => {
    const result = evaluateDetermination(input, version, { ledger, compiled });
    return {
      outcome: result.outcome,
      reviewPolicy: result.reviewPolicy,
      exceptions: result.exceptions,
      items: result.items.map(({ eccn, outcome, reviewPolicy, exceptions }) => ({ eccn, outcome, reviewPolicy, exceptions })),
      drawn: result.ledgerDraws.reduce((sum, d) => sum + d.amount, 0),
    };
  };
}

function checkAgreement(cases: BenchCase[], deciders: Record<string, (c: BenchCase) => Decision>, peer: Decision[]): void {
  cases.forEach((c, i) => {
    const expected = JSON.stringify(peer[i]);
    for (const [name, decide] of Object.entries(deciders)) {
      const got = JSON.stringify(decide(c));
      if (got !== expected) throw new Error(`${name} disagrees with json-rules-engine on case ${i}:\n${got}\n${expected}`);
    }
  });
}

interface Rate {
  wall: number;
  cpu: number;
}

/**
 * Determinations per wall-clock second and per CPU second (the machine may be shared: both are
 * printed). Synchronous deciders run in a plain loop: awaiting them would time the microtask queue.
 */
async function perSecond<C>(cases: C[], decide: (c: C) => unknown, seconds: number): Promise<Rate> {
  const asynchronous = decide(cases[0] as C) instanceof Promise;
  let sink = 0;
  const round = async () => {
    if (asynchronous) for (const c of cases) sink += (await decide(c)) ? 1 : 0;
    else for (const c of cases) sink += decide(c) ? 1 : 0;
  };
  const warm = performance.now() + 1000;
  while (performance.now() < warm) await round();
  let done = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  while (performance.now() < started + seconds * 1000) {
    await round();
    done += cases.length;
  }
  const wall = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (sink === 0) throw new Error('nothing was decided');
  return { wall: done / wall, cpu: done / ((cpu.user + cpu.system) / 1e6) };
}

function show(rate: Rate, items: number): string {
  const n = (value: number) => Math.round(value).toLocaleString('en-US').padStart(9);
  return `${n(rate.wall)} determinations/s (${n(rate.cpu)} per CPU second; ${n(rate.wall * items)} items/s)`;
}

async function compare(label: string, version: PolicyVersion, cases: BenchCase[]): Promise<void> {
  const ours = ourEngine(version);
  const ceiling = handWritten(version);
  const peer = jsonRulesEngine(version);
  const peerDecisions: Decision[] = [];
  for (const c of cases) peerDecisions.push(await peer(c));
  checkAgreement(cases, { ours, ceiling }, peerDecisions);

  const compiled = new CompiledPolicyCache().compiledFor(version);
  const items = cases.reduce((sum, c) => sum + c.input.items.length, 0) / cases.length;
  const traced = cases.reduce((sum, c) => sum + evaluateDetermination(c.input, version, { ledger: c.ledger, compiled }).trace.length, 0) / cases.length;
  const outcomes = peerDecisions.reduce<Record<string, number>>((count, d) => ({ ...count, [d.outcome]: (count[d.outcome] ?? 0) + 1 }), {});
  console.log(
    `\n${label}: ${cases.length} inputs, ${items.toFixed(2)} items each, ${traced.toFixed(1)} trace entries each; outcomes ${JSON.stringify(outcomes)}`,
  );

  const rates = {
    ours: await perSecond(cases, (c) => evaluateDetermination(c.input, version, { ledger: c.ledger, compiled }), 5),
    ceiling: await perSecond(cases, ceiling, 3),
    peer: await perSecond(cases, peer, 3),
  };
  console.log(`(a) engine (CEL, full result)  ${show(rates.ours, items)}`);
  console.log(`(b) hand-written TypeScript    ${show(rates.ceiling, items)}`);
  console.log(`(c) json-rules-engine          ${show(rates.peer, items)}`);
  console.log(
    `ours / ceiling ${(rates.ours.wall / rates.ceiling.wall).toFixed(3)}, ours / json-rules-engine ${(rates.ours.wall / rates.peer.wall).toFixed(1)}x`,
  );
}

/** (d) The golden cases at their own coordinates against policies/ai-export-controls, each state compiled once. */
async function goldenPolicy(): Promise<void> {
  const policy = loadGoldenPolicy();
  const cache = new CompiledPolicyCache();
  const cases = loadGoldenCases().map((golden) => {
    const version = policy.timeline.stateAt({ validAt: golden.validAt, knownAt: golden.knownAt ?? policy.knownAt, publishedBy: golden.publishedBy ?? null });
    return { input: golden.input, ledger: golden.ledger ?? {}, version, compiled: cache.compiledFor(version) };
  });
  const states = new Set(cases.map((c) => c.version.stateHash)).size;
  const live = cases.reduce((sum, c) => sum + c.compiled.ruleCount, 0) / cases.length;
  const items = cases.reduce((sum, c) => sum + c.input.items.length, 0) / cases.length;
  const rate = await perSecond(cases, (c) => evaluateDetermination(c.input, c.version, { ledger: c.ledger, compiled: c.compiled }), 5);
  console.log(`\n(d) golden cases on the policy files: ${cases.length} cases over ${states} policy states (${live.toFixed(1)} rules each on average)`);
  console.log(`(d) engine (CEL, full result)  ${show(rate, items)}`);
}

/**
 * (e) Before and after, in one sitting: the engine of `baseline` (the code tagged wave2-base) and
 * this engine on the same policy (the first wave's bench policy, which both engines compile) and
 * the same inputs (the golden table's, whose new fields the old engine ignored), interleaved,
 * three runs each; the median of each and their ratio.
 */
async function beforeAfter(baseline: BaselineEngine): Promise<void> {
  const before = baseline.bench.benchPolicyVersion();
  // The same state for this engine: the notes of UNCONFIRMED changes it keeps are outside the state hash.
  const after: PolicyVersion = { ...before, state: { ...before.state, unconfirmed: before.state.unconfirmed ?? new Map() } };
  const cases = goldenInputs();
  const oldCompiled = new baseline.CompiledPolicyCache().compiledFor(before);
  const newCompiled = new CompiledPolicyCache().compiledFor(after);
  const rates: { before: Rate[]; after: Rate[] } = { before: [], after: [] };
  for (let round = 0; round < 3; round++) {
    rates.before.push(await perSecond(cases, (c) => baseline.evaluateDetermination(c.input, before, { ledger: c.ledger, compiled: oldCompiled }), 5));
    rates.after.push(await perSecond(cases, (c) => evaluateDetermination(c.input, after, { ledger: c.ledger, compiled: newCompiled }), 5));
  }
  const n = (value: number) => Math.round(value).toLocaleString('en-US');
  const line = (label: string, runs: Rate[]) => {
    const wall = runs.map((rate) => rate.wall);
    const cpu = runs.map((rate) => rate.cpu);
    return `(e) ${label} ${wall.map(n).join(', ')} determinations/s, median ${n(median(wall))} (per CPU second: median ${n(median(cpu))})`;
  };
  const ratio = (of: (rate: Rate) => number) => (median(rates.after.map(of)) / median(rates.before.map(of))).toFixed(3);
  console.log(
    `\n(e) before/after on the golden inputs (${cases.length}) against the first wave's bench policy (${before.state.rules.size} rules), 3 interleaved runs of 5 s:`,
  );
  console.log(line(`${baseline.label}:`, rates.before));
  console.log(line('this code: ', rates.after));
  // Per CPU second too: on a shared machine a run can lose wall time to other processes without its CPU time changing.
  console.log(`(e) after / before ${ratio((rate) => rate.wall)} (target >= 0.95); by CPU time ${ratio((rate) => rate.cpu)}`);
}

/**
 * `BENCH_ENGINE_PARTS` picks parts by letter (`e` alone: `BENCH_ENGINE_PARTS=e npm run bench -- engine`);
 * all of them when unset. `base` is wave2-base's own bench, run first.
 */
const PARTS = ['base', 'a', 'd', 'e'] as const;
type Part = (typeof PARTS)[number];

function partsWanted(): ReadonlySet<Part> {
  const given = process.env.BENCH_ENGINE_PARTS;
  if (given === undefined || given.trim() === '') return new Set(PARTS);
  const named = given.split(',').map((each) => each.trim());
  const unknown = named.filter((each) => !(PARTS as readonly string[]).includes(each));
  if (unknown.length > 0) throw new Error(`BENCH_ENGINE_PARTS: unknown part(s) ${unknown.join(', ')}; known: ${PARTS.join(', ')} (a runs (a) to (c))`);
  return new Set(named as Part[]);
}

export async function run(): Promise<void> {
  const parts = partsWanted();
  console.log(`parts: ${[...parts].join(', ')} (BENCH_ENGINE_PARTS; a = (a) to (c) with ours / ceiling)`);
  const baseline = parts.has('base') || parts.has('e') ? await loadBaseline() : 'not asked for (BENCH_ENGINE_PARTS)';
  try {
    if (typeof baseline === 'string') console.log(`before/after: not measured, ${baseline}`);
    else if (parts.has('base')) {
      console.log(`-- ${baseline.label}'s own engine bench, in this sitting --`);
      await baseline.bench.run();
      console.log('\n-- this code --');
    }
    if (parts.has('a')) {
      const version = benchPolicyVersion();
      console.log(`bench policy: ${version.state.rules.size} rules, ${version.state.countries.size} countries, state ${version.stateHash.slice(0, 12)}`);
      await compare('synthetic mix', version, benchInputs());
      await compare('golden inputs', version, goldenInputs());
    }
    if (parts.has('d')) await goldenPolicy();
    if (typeof baseline !== 'string' && parts.has('e')) await beforeAfter(baseline);
    console.log('\ntarget: >= 200,000 determinations/s on one core; (e) after / before >= 0.95 (issues 11, 13, 14)');
  } finally {
    if (typeof baseline !== 'string') baseline.dispose();
  }
}
