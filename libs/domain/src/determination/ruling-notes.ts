import { ConsigneeFactsValue, ItemFactsValue, UNSTATED_READINGS } from '../rules/cel-environment.js';
import type { CelActivation, ConditionResult } from '../rules/compile-condition.js';
import type { CompiledRule } from './compile-policy.js';
import type { CaveatTable } from './caveat-table.js';
import type { ConditionTester, FactAlternative } from './condition-tester.js';
import type { Assumption, Caveat, EnforcementNote } from './determination-result.js';
import { NOTED } from './fact-notes.js';

/** How a fact the input left out is read, and why, for the assumptions a result lists. */
interface Reading {
  bit: number;
  /** The input path, `#` standing for the item's index. */
  path: string;
  assumed: Assumption['assumed'];
  reason: string;
}

const CONSERVATIVE = 'the reading that cannot understate a requirement';
const ZERO = 'read as 0, so no threshold on it is met, which can understate a requirement: state it, or the ECCN';

const READINGS: readonly Reading[] = [
  {
    bit: NOTED.transaction,
    path: 'transaction',
    assumed: UNSTATED_READINGS.transaction,
    reason: 'not given: the default, an export from the United States; a reexport or an in-country transfer can change the answer',
  },
  {
    bit: NOTED.majorityOwnedFromD5OrMacau,
    path: 'consignee.majorityOwnedFromD5OrMacau',
    assumed: UNSTATED_READINGS.majorityOwnedFromD5OrMacau,
    reason: `not given: read as majority-owned by an entity headquartered in Country Group D:5 or Macau, ${CONSERVATIVE}`,
  },
  {
    bit: NOTED.designedForDatacenter,
    path: 'items.#.designedForDatacenter',
    assumed: UNSTATED_READINGS.designedForDatacenter,
    reason: `not given: read as designed or marketed for use in datacenters, ${CONSERVATIVE}`,
  },
  {
    bit: NOTED.memoryBandwidth,
    path: 'items.#.memoryBandwidth',
    assumed: 'above any limit',
    reason: `not given: read as above every memory bandwidth limit a rule sets, ${CONSERVATIVE}`,
  },
  { bit: NOTED.tpp, path: 'items.#.tpp', assumed: 0, reason: `not given: ${ZERO}` },
  { bit: NOTED.performanceDensity, path: 'items.#.performanceDensity', assumed: 0, reason: `not given: ${ZERO}` },
  { bit: NOTED.trainingOperations, path: 'items.#.trainingOperations', assumed: 0, reason: `not given: ${ZERO}` },
];

const PARTIES = NOTED.destination | NOTED.headquarters | NOTED.ultimateParent;

/**
 * Facts with few values, for which "did the reading decide anything?" is answered exactly: the
 * rule takes each other value (ConditionTester.valueUnder), and the assumption is listed only
 * when one changes its value. (A number's reading is listed whenever a consulted part read it: no
 * finite set of other values settles whether it mattered.)
 */
const FEW_VALUED: readonly { bit: number; alternatives: readonly FactAlternative[] }[] = [
  {
    bit: NOTED.transaction,
    alternatives: (['REEXPORT', 'IN_COUNTRY_TRANSFER'] as const).map((transaction, variant) => ({
      bit: NOTED.transaction,
      variant,
      of: (activation: CelActivation) => ({ ...activation, transaction }),
    })),
  },
  {
    bit: NOTED.majorityOwnedFromD5OrMacau,
    alternatives: [
      {
        bit: NOTED.majorityOwnedFromD5OrMacau,
        variant: 2,
        of: (activation) => ({ ...activation, consignee: withFact(ConsigneeFactsValue, activation.consignee, 'majorityOwnedFromD5OrMacau', false) }),
      },
    ],
  },
  {
    bit: NOTED.designedForDatacenter,
    alternatives: [
      {
        bit: NOTED.designedForDatacenter,
        variant: -1,
        of: (activation) => ({ ...activation, item: withFact(ItemFactsValue, activation.item, 'designedForDatacenter', false) }),
      },
    ],
  },
];

/** A copy of a facts value with one more own fact (the original is shared by the result). */
function withFact<T extends object>(type: { prototype: T }, facts: T, field: string, value: unknown): T {
  return Object.assign(Object.create(type.prototype) as T, facts, { [field]: value });
}

/**
 * What one determination notes besides its decision, as its rules are consulted: the facts it
 * assumed (a consulted part of a condition read a fact the input left out) and the caveats of the
 * UNCONFIRMED pieces it relied on: classification rules consulted beyond the item's kind and ECCN
 * (what an item is not decides as much as what it is), requirements that applied, exceptions whose condition held, the
 * parameters read, the parties' countries when read, and the enforcement status of every regime
 * it reports. A requirement that did not apply is not among them: most notes on requirements are
 * about their review policy or date, which decide nothing for an item they do not reach, and the
 * scope a requirement reads (countries, parameters, classification) has caveats of its own.
 */
export class RulingNotes {
  readonly assumptions: Assumption[] = [];
  private readonly caveats: Caveat[] = [];
  private partiesRead = 0;

  constructor(
    private readonly table: CaveatTable,
    private readonly contextUnstated: number,
  ) {}

  /**
   * One rule just tested for one item, with its value (`outcome`), the noted facts its consulted
   * parts read and whether more than the item's kind and ECCN decided it (the tester's last*).
   */
  consulted(
    compiled: CompiledRule,
    matched: boolean,
    outcome: ConditionResult,
    tester: ConditionTester,
    activation: CelActivation,
    itemUnstated: number,
  ): void {
    if (compiled.notLive !== null) return;
    const caveat = this.table.rules[compiled.slot];
    const read = tester.lastRead;
    if (caveat && (matched || (compiled.rule.kind === 'classification' && tester.lastReachedParts))) this.addCaveat(caveat);
    this.partiesRead |= read & PARTIES;
    let unstated = read & (this.contextUnstated | itemUnstated);
    if (unstated === 0) return;
    for (const fact of FEW_VALUED) {
      if ((unstated & fact.bit) !== 0 && !decides(compiled, outcome, tester, activation, fact.alternatives)) unstated &= ~fact.bit;
    }
    for (const reading of READINGS) if ((unstated & reading.bit) !== 0) this.assume(reading, activation.item.index, compiled.rule.id);
  }

  /** The caveats, once each piece's parameters, parties and enforcement notes are known. */
  caveatsOf(
    parametersRead: readonly (true | undefined)[],
    parties: { destination: string; headquarters: string; ultimateParent: string },
    enforcement: readonly EnforcementNote[],
  ): Caveat[] {
    parametersRead.forEach((read, index) => {
      const caveat = read === true ? this.table.parameters[index] : null;
      if (caveat) this.addCaveat(caveat);
    });
    this.country(NOTED.destination, parties.destination);
    this.country(NOTED.headquarters, parties.headquarters);
    this.country(NOTED.ultimateParent, parties.ultimateParent);
    for (const note of enforcement) {
      const caveat = this.table.regimes.get(note.regime);
      if (caveat) this.addCaveat(caveat);
    }
    return this.caveats;
  }

  private country(bit: number, code: string): void {
    if ((this.partiesRead & bit) === 0 || code === '') return;
    for (const caveat of this.table.countries.get(code) ?? []) this.addCaveat(caveat);
  }

  private addCaveat(caveat: Caveat): void {
    for (const known of this.caveats) if (known.changeId === caveat.changeId) return;
    this.caveats.push(caveat);
  }

  private assume(reading: Reading, item: number, ruleId: string): void {
    const fact = reading.path.replace('#', String(item));
    for (const known of this.assumptions) {
      if (known.fact !== fact) continue;
      if (!known.rules.includes(ruleId)) known.rules.push(ruleId);
      return;
    }
    this.assumptions.push({ fact, assumed: reading.assumed, reason: reading.reason, rules: [ruleId] });
  }
}

/** True when the rule's condition takes another value (or fails) under one of the alternatives. */
function decides(
  compiled: CompiledRule,
  taken: ConditionResult,
  tester: ConditionTester,
  activation: CelActivation,
  alternatives: readonly FactAlternative[],
): boolean {
  if (typeof taken !== 'boolean') return true;
  for (const alternative of alternatives) if (tester.valueUnder(compiled, activation, alternative) !== taken) return true;
  return false;
}
