import { Injectable } from '@nestjs/common';
import {
  CompiledPolicyCache,
  evaluateDetermination,
  type DeterminationInput,
  type DeterminationResult,
  type LedgerFigures,
  type PolicyCoordinates,
  type PolicyTimeline,
} from '#domain';

/** Evaluates against a timeline, compiling each policy state's rules once (cached by state hash). */
@Injectable()
export class DeterminationEvaluator {
  private readonly compiled = new CompiledPolicyCache(64);

  evaluate(input: DeterminationInput, timeline: PolicyTimeline, coordinates: PolicyCoordinates, ledger: LedgerFigures): DeterminationResult {
    const version = timeline.stateAt(coordinates);
    return evaluateDetermination(input, version, { ledger, compiled: this.compiled.compiledFor(version) });
  }

  /** The ledgers a state's capped exceptions draw from: what must be read before evaluating. */
  cappedLedgers(timeline: PolicyTimeline, coordinates: PolicyCoordinates): string[] {
    const ledgers = new Set<string>();
    for (const rule of timeline.stateAt(coordinates).state.rules.values()) {
      if (rule.cap) ledgers.add(rule.cap.ledger);
    }
    return [...ledgers].sort();
  }
}
