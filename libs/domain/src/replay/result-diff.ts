import { canonicalJson } from '../policy/canonical-json.js';
import type { DeterminationResult } from '../determination/determination-result.js';

export interface Difference {
  path: string;
  before: unknown;
  after: unknown;
}

/**
 * What a lawyer compares between two determinations: the decision (with the conditions it puts
 * on the exporter), its grounds and the facts. Caveats and assumptions explain a result and
 * are shown with both results, not compared: engine 1 derived neither, so comparing them would
 * report every old determination as changed (docs/adr/006).
 */
function comparable(result: DeterminationResult) {
  return {
    outcome: result.outcome,
    reviewPolicy: result.reviewPolicy,
    exceptions: result.exceptions,
    conditions: result.conditions,
    items: result.items,
    enforcement: result.enforcement,
    facts: result.facts,
  };
}

/** The leaf-level differences, as dotted paths (`items.0.outcome`), in a stable order. */
export function diffResults(before: DeterminationResult, after: DeterminationResult): Difference[] {
  const differences: Difference[] = [];
  walk(comparable(before), comparable(after), '', differences);
  return differences;
}

function walk(before: unknown, after: unknown, path: string, out: Difference[]): void {
  if (isContainer(before) && isContainer(after) && Array.isArray(before) === Array.isArray(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort(byIndexThenName)) {
      walk((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], path ? `${path}.${key}` : key, out);
    }
    return;
  }
  if (canonicalJson(before) !== canonicalJson(after)) out.push({ path, before: before ?? null, after: after ?? null });
}

function isContainer(value: unknown): value is object {
  return value !== null && typeof value === 'object';
}

function byIndexThenName(a: string, b: string): number {
  const [x, y] = [Number(a), Number(b)];
  return Number.isInteger(x) && Number.isInteger(y) ? x - y : a < b ? -1 : a > b ? 1 : 0;
}
