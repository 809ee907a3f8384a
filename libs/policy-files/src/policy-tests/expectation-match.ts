import { canonicalJson, type DeterminationResult } from '#domain';

/** One way a result differs from what a case expects, at a path into the result. */
export interface Mismatch {
  path: string;
  expected: unknown;
  actual: unknown;
  /** The result has no field by that name (a misspelling, or a field this engine does not give). */
  noSuchField?: true;
}

/**
 * A case's expectation against a result: `mismatches` field by field, and a field the result does
 * not have at all is a mismatch even when null is expected (a misspelt `reviewPolicys: null` must
 * not pass).
 */
export function caseMismatches(expected: Record<string, unknown>, result: DeterminationResult): Mismatch[] {
  const fields = result as unknown as Record<string, unknown>;
  return Object.entries(expected).flatMap(([field, value]): Mismatch[] =>
    field in fields ? mismatches(value, fields[field], field) : [{ path: field, expected: value, actual: null, noSuchField: true }],
  );
}

/**
 * How a result meets a case's expectation: every field the expectation names must be there, with
 * these rules, so a case states what it is about and no more:
 * - scalars are equal;
 * - objects match when each key the expectation gives matches (other keys of the result are free);
 * - lists match element by element, with as many elements as expected (an empty list expects none);
 * - `null` expects null or absence.
 * So `enforcement: [{ regime: ai-diffusion, status: SUSPENDED }]` ignores `since` and `source`.
 */
export function mismatches(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (expected === null) return actual === null || actual === undefined ? [] : [{ path, expected, actual }];
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return [{ path, expected, actual: actual ?? null }];
    const inner = expected.flatMap((item, index) => mismatches(item, actual[index], `${path}[${index}]`));
    // A list is shown whole: which element moved matters less than the two lists side by side.
    return inner.length === 0 ? [] : [{ path, expected, actual: shape(expected, actual) }];
  }
  if (typeof expected === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [{ path, expected, actual: actual ?? null }];
    const record = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).flatMap(([key, value]) => mismatches(value, record[key], path === '' ? key : `${path}.${key}`));
  }
  return canonicalJson(expected) === canonicalJson(actual ?? null) ? [] : [{ path, expected, actual: actual ?? null }];
}

/** The actual value cut down to the keys the expectation names, so a reader compares like with like. */
export function shape(expected: unknown, actual: unknown): unknown {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const template = expected[0];
    return template === undefined ? actual : actual.map((item) => shape(template, item));
  }
  if (expected !== null && typeof expected === 'object' && actual !== null && typeof actual === 'object' && !Array.isArray(actual)) {
    const record = actual as Record<string, unknown>;
    return Object.fromEntries(Object.keys(expected).map((key) => [key, shape((expected as Record<string, unknown>)[key], record[key] ?? null)]));
  }
  return actual;
}
