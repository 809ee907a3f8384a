import { Injectable } from '@nestjs/common';
import {
  CompiledPolicyCache,
  DeterminationRun,
  evaluateDetermination,
  type CompiledPolicy,
  type DeterminationInput,
  type DeterminationResult,
  type LedgerFigures,
  type PolicyCoordinates,
  type PolicyTimeline,
  type PolicyVersion,
} from '#domain';

/** Evaluates against a timeline, compiling each policy state's rules once (cached by state hash). */
@Injectable()
export class DeterminationEvaluator {
  private readonly compiled = new CompiledPolicyCache(64);

  evaluate(input: DeterminationInput, timeline: PolicyTimeline, coordinates: PolicyCoordinates, ledger: LedgerFigures): DeterminationResult {
    const version = timeline.stateAt(coordinates);
    return evaluateDetermination(input, version, { ledger, compiled: this.compiled.compiledFor(version) });
  }

  /** The same evaluation, its items to be decided a slice at a time (DeterminationRun). */
  start(input: DeterminationInput, timeline: PolicyTimeline, coordinates: PolicyCoordinates, ledger: LedgerFigures): DeterminationRun {
    const version = timeline.stateAt(coordinates);
    return new DeterminationRun(input, version, { ledger, compiled: this.compiled.compiledFor(version) });
  }

  /** A version's compiled rules, from the cache. */
  compiledFor(version: PolicyVersion): CompiledPolicy {
    return this.compiled.compiledFor(version);
  }
}
