import {
  CompiledPolicyCache,
  evaluateOutcomes,
  instantMs,
  PolicyTimeline,
  type DeterminationInput,
  type Instant,
  type LedgerFigures,
  type OutcomeVersion,
  type Outcome,
  type PolicyEvent,
  type PolicyVersion,
  type RecordedPolicyEvent,
} from '#domain';
import type { ImpactRow, ValidTimeInterval } from './impact-rows.js';

export interface ImpactFlip {
  determinationId: string;
  position: number;
  before: Outcome;
  after: Outcome;
}

export interface ImpactBatchResult {
  evaluated: number;
  /** Of those, the determinations whose policy state the amendment leaves as it is: not re-evaluated. */
  unchanged: number;
  flips: ImpactFlip[];
}

/** The policy as recorded, and with the amendment's changes staged on top, both at one knowledge instant. */
export interface ImpactSetup {
  policyId: string;
  recorded: RecordedPolicyEvent[];
  staged: PolicyEvent[];
  knownAt: Instant;
}

/**
 * The two policy versions at one validAt, compiled when first evaluated (deciding where the
 * amendment changes the state needs the hashes only); null when it does not change the state there.
 */
type VersionPair = { without: PolicyVersion; with: PolicyVersion; compiled?: [without: OutcomeVersion, staged: OutcomeVersion] } | null;

/** Distinct validAt values remembered; recorded determinations mostly share a few thousand export dates. */
const VERSION_PAIRS_HELD = 8_192;
/** Distinct ledger figures remembered parsed: most determinations drew nothing before, or share a few figures. */
const LEDGERS_HELD = 1_024;

/**
 * Evaluates determinations with and without an amendment, at the same knowledge, with the ledger
 * figures each was decided on. Where both policy states are the same (equal state hashes: before
 * the amendment takes effect, say), the outcome cannot differ and nothing is evaluated. Pure:
 * runs on the main thread or in a worker alike.
 */
export class ImpactEvaluator {
  private readonly without: PolicyTimeline;
  private readonly with: PolicyTimeline;
  private readonly compiled = new CompiledPolicyCache(256);
  private readonly pairs = new Map<Instant, VersionPair>();
  private readonly ledgers = new Map<string, LedgerFigures>();

  constructor(private readonly setup: ImpactSetup) {
    this.without = new PolicyTimeline(setup.policyId, setup.recorded);
    this.with = this.without.withStaged(setup.staged, setup.knownAt);
  }

  /** Re-evaluates recorded determinations, parsing the input and ledger of those where the amendment changes the state only. */
  evaluate(rows: readonly ImpactRow[]): ImpactBatchResult {
    const result: ImpactBatchResult = { evaluated: rows.length, unchanged: 0, flips: [] };
    for (const [id, position, validAt, inputText, ledgerText] of rows) {
      const pair = this.pairAt(validAt);
      if (pair === null) {
        result.unchanged++;
        continue;
      }
      const input = JSON.parse(inputText) as DeterminationInput;
      const ledger = this.ledgerOf(ledgerText);
      pair.compiled ??= [
        { version: pair.without, compiled: this.compiled.compiledFor(pair.without) },
        { version: pair.with, compiled: this.compiled.compiledFor(pair.with) },
      ];
      const [before, after] = evaluateOutcomes(input, pair.compiled, ledger) as [Outcome, Outcome];
      if (before !== after) result.flips.push({ determinationId: id, position, before, after });
    }
    return result;
  }

  /**
   * The valid times where the amendment leaves the state as it is, as [from, to) intervals (null:
   * unbounded): the read model need not even read a determination valid there, only count it.
   * States change only at effective instants, so one comparison per instant decides each interval.
   */
  unchangedValidTimes(): ValidTimeInterval[] {
    const instants = [...new Set(this.with.events.map(({ event }) => event.data.effectiveAt))].sort((a, b) => instantMs(a) - instantMs(b));
    const intervals: ValidTimeInterval[] = [];
    // Before the first effective instant both states are empty.
    let from: Instant | null = null;
    let unchanged = true;
    for (const at of instants) {
      const same = this.pairAt(at) === null;
      if (same && !unchanged) from = at;
      else if (!same && unchanged) intervals.push({ from, to: at });
      unchanged = same;
    }
    if (unchanged) intervals.push({ from, to: null });
    return intervals;
  }

  /** Parsed once per distinct text, and frozen: the engine only reads ledger figures. */
  private ledgerOf(text: string): LedgerFigures {
    let ledger = this.ledgers.get(text);
    if (ledger === undefined) {
      ledger = Object.freeze(JSON.parse(text) as LedgerFigures);
      if (this.ledgers.size >= LEDGERS_HELD) this.ledgers.clear();
      this.ledgers.set(text, ledger);
    }
    return ledger;
  }

  private pairAt(validAt: Instant): VersionPair {
    let pair = this.pairs.get(validAt);
    if (pair === undefined) {
      const coordinates = { validAt, knownAt: this.setup.knownAt };
      const without = this.without.stateAt(coordinates);
      const withStaged = this.with.stateAt(coordinates);
      pair = without.stateHash === withStaged.stateHash ? null : { without, with: withStaged };
      if (this.pairs.size >= VERSION_PAIRS_HELD) this.pairs.clear();
      this.pairs.set(validAt, pair);
    }
    return pair;
  }
}
