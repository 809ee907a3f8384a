import { OUTCOME_SHORT, wordsFor } from '#memo';

/** The outcome in words, coloured by how restrictive it is (the words carry the meaning; colour only repeats it). */
export function OutcomeBadge({ outcome }: { outcome: string }) {
  return <span class={`outcome outcome-${outcome.toLowerCase().replace(/_/g, '-')}`}>{wordsFor(OUTCOME_SHORT, outcome)}</span>;
}
