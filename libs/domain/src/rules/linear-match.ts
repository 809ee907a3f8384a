import { RE2JS, RE2JSSyntaxException } from 're2js';

/**
 * The name CEL's `matches` is given once a condition is checked (compile-condition.ts): cel-js
 * runs `matches` on JavaScript's backtracking RegExp, which a pattern such as `^([a-z]+)+$`
 * makes run for ever; this one runs on RE2, whose time is linear in the text, and whose
 * syntax is the one the CEL specification names for `matches`.
 */
export const LINEAR_MATCHES = 'matchesLinearTime';

const compiled = new Map<string, RE2JS>();
const COMPILED_LIMIT = 1024;

/** True when `pattern` (RE2 syntax) matches somewhere in `text`, as CEL's `matches`. */
export function linearMatches(text: string, pattern: string): boolean {
  let program = compiled.get(pattern);
  if (program === undefined) {
    program = RE2JS.compile(pattern);
    if (compiled.size < COMPILED_LIMIT) compiled.set(pattern, program);
  }
  return program.test(text);
}

/** Why RE2 refuses `pattern`, with the offset of the offending part, or null when it compiles. */
export function patternFault(pattern: string): { reason: string; offset: number } | null {
  try {
    RE2JS.compile(pattern);
    return null;
  } catch (error) {
    if (!(error instanceof RE2JSSyntaxException)) throw error;
    const part = error.input ?? '';
    const at = part === '' ? -1 : pattern.indexOf(part);
    return { reason: `regular expression refused by RE2 (linear time): ${error.error ?? error.message}`, offset: Math.max(0, at) };
  }
}
