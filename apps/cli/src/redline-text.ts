import type { AmendmentRedline } from '#policy';
import type { RedlineCause, RedlineEntry, RedlineSegment } from '#domain';

const RED_STRUCK = '\u001b[9;31m';
const GREEN_UNDERLINED = '\u001b[4;32m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/**
 * A redline as terminal lines. In colour, deleted words are red and struck through and inserted
 * words green and underlined; without colour (a pipe, a file, NO_COLOR) git's word-diff
 * notation marks them: [-deleted-] and {+inserted+}.
 */
export function redlineLines(redline: AmendmentRedline, colour: boolean): string[] {
  const lines = [`redline against policy ${redline.policyId} at position ${redline.againstPosition}:`];
  if (redline.entries.length === 0) lines.push('  (no part of the policy reads differently)');
  for (const entry of redline.entries) lines.push('', ...entryLines(entry, colour));
  if (redline.withoutEffect.length > 0) {
    lines.push('', 'changes that alter nothing where they take effect:');
    lines.push(...redline.withoutEffect.map((cause) => `  ${causeText(cause)}`));
  }
  return lines;
}

function entryLines(entry: RedlineEntry, colour: boolean): string[] {
  const heading = `${entry.kind} ${entry.key} (${entry.change.toLowerCase()})${entry.effectiveAt ? ` from ${dateOf(entry.effectiveAt)}` : ''}`;
  const lines = [colour ? `${BOLD}${heading}${RESET}` : heading];
  lines.push(...entry.causes.map((cause) => `  by ${causeText(cause)}`));
  for (const row of entry.rows) {
    const [first, ...rest] = marked(row.segments, colour).split('\n');
    lines.push(`  ${row.field}: ${first}`, ...rest.map((line) => `    ${line}`));
  }
  return lines;
}

function causeText(cause: RedlineCause): string {
  return `${cause.changeId} ${cause.type}, effective ${dateOf(cause.effectiveAt)} (${cause.source.citation})`;
}

/** Marks each line of a segment on its own, so a colour never runs across a line break. */
function marked(segments: RedlineSegment[], colour: boolean): string {
  return segments
    .map(({ text, mark }) => {
      if (mark === 'SAME') return text;
      const [open, close] = colour ? [mark === 'DELETED' ? RED_STRUCK : GREEN_UNDERLINED, RESET] : mark === 'DELETED' ? ['[-', '-]'] : ['{+', '+}'];
      return text
        .split('\n')
        .map((line) => (line === '' ? line : `${open}${line}${close}`))
        .join('\n');
    })
    .join('');
}

/** `2026-12-01` for a midnight instant, the full instant otherwise. */
function dateOf(instant: string): string {
  return instant.endsWith('T00:00:00.000Z') ? instant.slice(0, 10) : instant;
}
