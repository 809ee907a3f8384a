import type { CompiledRule } from '../rules/compile-policy.js';
import type { PolicyRule } from '../policy/policy-state.js';
import type { ExceptionCondition } from './determination-result.js';

const NONE: readonly ExceptionCondition[] = Object.freeze([]);
const byRule = new WeakMap<PolicyRule, readonly ExceptionCondition[]>();

/** An exception rule's conditions as results show them, built once per rule and frozen (results share them). */
function conditionsOf(rule: PolicyRule): readonly ExceptionCondition[] {
  let conditions = byRule.get(rule);
  if (conditions === undefined) {
    conditions = (rule.conditions ?? []).map(({ code, description, citation }) =>
      Object.freeze(
        citation === undefined ? { exception: rule.code as string, code, description } : { exception: rule.code as string, code, description, citation },
      ),
    );
    conditions = conditions.length === 0 ? NONE : Object.freeze(conditions);
    byRule.set(rule, conditions);
  }
  return conditions;
}

/** The conditions of the exceptions an item relies on. */
export function reliedConditions(relied: readonly CompiledRule[]): ExceptionCondition[] {
  const conditions: ExceptionCondition[] = [];
  for (const exception of relied) addConditions(conditions, conditionsOf(exception.rule));
  return conditions;
}

/** Adds each (exception, code) not yet in `into`, keeping it sorted by exception, then code. */
export function addConditions(into: ExceptionCondition[], more: readonly ExceptionCondition[]): void {
  for (const condition of more) {
    let at = into.length;
    while (at > 0 && compare(into[at - 1] as ExceptionCondition, condition) > 0) at--;
    if (at > 0 && compare(into[at - 1] as ExceptionCondition, condition) === 0) continue;
    into.splice(at, 0, condition);
  }
}

function compare(a: ExceptionCondition, b: ExceptionCondition): number {
  if (a.exception !== b.exception) return a.exception < b.exception ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}
