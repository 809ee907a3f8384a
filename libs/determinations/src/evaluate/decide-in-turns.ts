import { nextTurn } from '#api-kit';
import type { DeterminationRun } from '#domain';

/**
 * Items decided in one turn of the event loop. The largest evaluation the limits let through
 * (1,000 items, ADR 017) took one uninterrupted step of 56 ms on a quiet machine and up to 80 ms
 * under load, the longest hold on the loop while the hostile-input suite ran; 100 items take
 * about a tenth of that. Smaller evaluations, the usual ones, are decided at once as before.
 */
export const ITEMS_PER_TURN = 100;

/** Decides the run's items ITEMS_PER_TURN at a time, a turn of the event loop between slices (docs/adr/026-work-in-turns.md). */
export async function decideInTurns(run: Pick<DeterminationRun, 'done' | 'decide'>, signal: AbortSignal | undefined): Promise<void> {
  run.decide(ITEMS_PER_TURN);
  while (!run.done) {
    await nextTurn(signal);
    run.decide(ITEMS_PER_TURN);
  }
}
