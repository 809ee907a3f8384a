import { diffArrays, diffWords, type ChangeObject } from 'diff';

/**
 * Past this many word edits between two texts, the diff (O(N x edits)) stops and the old text is
 * shown struck out whole and the new inserted whole: a rewrite, not an amendment of words.
 */
const MAX_EDITS = 200;

/** How a piece of text fares between the old and the new wording: kept, struck out, or inserted. */
export type RedlineMark = 'SAME' | 'DELETED' | 'INSERTED';

export interface RedlineSegment {
  text: string;
  mark: RedlineMark;
}

/**
 * A word-level redline of prose (explanations, citations, titles): whitespace changes alone
 * are not edits, punctuation is its own word. Either side may be absent (a part added or removed).
 */
export function proseDiff(before: string | null, after: string | null): RedlineSegment[] {
  if (before === null || after === null) return wholeText(before, after);
  const changes = diffWords(before, after, { maxEditLength: MAX_EDITS });
  return changes ? merge(changes.map(segmentOf)) : wholeText(before, after);
}

/**
 * A token-level redline of a CEL condition. Prose tokenisation would split `"D:5"` or `4800.0`
 * into pieces; here a string literal, a number, an identifier or an operator is one word, so a
 * changed threshold or country group is struck out and inserted whole. Layout (line breaks,
 * indentation) is not an edit: tokens are compared without the whitespace before them.
 */
export function conditionDiff(before: string | null, after: string | null): RedlineSegment[] {
  if (before === null || after === null) return wholeText(before, after);
  const changes = diffArrays(celTokens(before), celTokens(after), { comparator: (a, b) => a.trim() === b.trim(), maxEditLength: MAX_EDITS });
  return changes ? merge(changes.map((change) => segmentOf({ ...change, value: change.value.join('') }))) : wholeText(before, after);
}

/** One token per CEL word, each with the whitespace before it, so the tokens join back to the text. */
export function celTokens(text: string): string[] {
  const tokens: string[] = [];
  const token = new RegExp(CEL_TOKEN.source, 'y');
  let end = 0;
  for (let match = token.exec(text); match !== null && match[0] !== ''; match = token.exec(text)) {
    tokens.push(match[0]);
    end = token.lastIndex;
  }
  // Only trailing whitespace is left over.
  const rest = text.slice(end);
  if (rest !== '') {
    if (tokens.length === 0) tokens.push(rest);
    else tokens[tokens.length - 1] += rest;
  }
  return tokens;
}

// Leading whitespace, then one of: a quoted string (escapes allowed), a number (with fraction or
// exponent), an identifier, a two-character operator, or any other single character. No nested
// quantifiers: linear time on any input.
const CEL_TOKEN = /\s*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||[=!<>]=|\S)/y;

function segmentOf(change: ChangeObject<string>): RedlineSegment {
  return { text: change.value, mark: change.added ? 'INSERTED' : change.removed ? 'DELETED' : 'SAME' };
}

function wholeText(before: string | null, after: string | null): RedlineSegment[] {
  return [
    ...(before === null || before === '' ? [] : [{ text: before, mark: 'DELETED' as const }]),
    ...(after === null || after === '' ? [] : [{ text: after, mark: 'INSERTED' as const }]),
  ];
}

function merge(segments: RedlineSegment[]): RedlineSegment[] {
  const merged: RedlineSegment[] = [];
  for (const segment of segments) {
    if (segment.text === '') continue;
    const last = merged.at(-1);
    if (last?.mark === segment.mark) last.text += segment.text;
    else merged.push({ ...segment });
  }
  return merged;
}
