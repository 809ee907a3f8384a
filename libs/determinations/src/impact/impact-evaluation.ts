import {
  CompiledPolicyCache,
  evaluateDetermination,
  PolicyTimeline,
  type DeterminationInput,
  type Instant,
  type LedgerFigures,
  type Outcome,
  type PolicyEvent,
  type RecordedPolicyEvent,
} from '#domain';

/** What impact analysis needs of a recorded determination. */
export interface ImpactRow {
  id: string;
  position: number;
  validAt: Instant;
  input: DeterminationInput;
  ledger: LedgerFigures;
}

export interface ImpactFlip {
  determinationId: string;
  position: number;
  before: Outcome;
  after: Outcome;
}

export interface ImpactBatchResult {
  evaluated: number;
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
 * Evaluates determinations with and without an amendment, at the same knowledge, with the ledger
 * figures each was decided on. Pure: runs on the main thread or in a worker alike.
 */
export class ImpactEvaluator {
  private readonly without: PolicyTimeline;
  private readonly with: PolicyTimeline;
  private readonly compiled = new CompiledPolicyCache(256);

  constructor(private readonly setup: ImpactSetup) {
    this.without = new PolicyTimeline(setup.policyId, setup.recorded);
    this.with = this.without.withStaged(setup.staged, setup.knownAt);
  }

  evaluate(rows: readonly ImpactRow[]): ImpactBatchResult {
    const flips: ImpactFlip[] = [];
    for (const row of rows) {
      const before = this.outcome(this.without, row);
      const after = this.outcome(this.with, row);
      if (before !== after) flips.push({ determinationId: row.id, position: row.position, before, after });
    }
    return { evaluated: rows.length, flips };
  }

  private outcome(timeline: PolicyTimeline, row: ImpactRow): Outcome {
    const version = timeline.stateAt({ validAt: row.validAt, knownAt: this.setup.knownAt });
    return evaluateDetermination(row.input, version, { ledger: row.ledger, compiled: this.compiled.compiledFor(version) }).outcome;
  }
}
