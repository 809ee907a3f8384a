import type { ASTNode } from '@marcbachmann/cel-js';
import { childrenOf } from './cel-ast.js';

/** A top-level conjunct `item.<field> == "x"` or `item.<field> in ["x", ...]`. */
interface ItemGuard {
  field: 'eccn' | 'kind';
  values: ReadonlySet<string>;
}

/**
 * What a condition reads, found in its syntax tree once at compile time, and its top-level
 * conjuncts sorted three ways. CEL's `&&` is commutative even with errors (`false && error` is
 * false), so the conjuncts may be evaluated in any order and grouped at will.
 */
export interface ConditionAnalysis {
  /** Names of the parameters read through `params["name"]`, `params.name` or `"name" in params`; sorted. */
  parameters: string[];
  /** False when the condition never names `item`: its value is the same for every item. */
  readsItem: boolean;
  /**
   * Conjuncts pinning the item's ECCN or kind to string literals (`item.eccn in ["3A090.a"]`),
   * as the set of values allowed (intersected when there are several); null when none.
   */
  eccnIn: ReadonlySet<string> | null;
  kindIn: ReadonlySet<string> | null;
  /** Conjuncts that never name `item`: one value per determination. */
  shared: ASTNode[];
  /** Conjuncts that read nothing but `item.eccn` (`item.eccn.startsWith("3A090")`): one value per ECCN. */
  byEccn: ASTNode[];
  /** The remaining conjuncts. */
  perItem: ASTNode[];
}

/** A use of `params` that is not a read of one named parameter. */
export class ParamsMisuse {
  constructor(readonly offset: number) {}
}

export function analyseCondition(ast: ASTNode): ConditionAnalysis | ParamsMisuse {
  const parameters = parametersOf(ast);
  if (parameters instanceof ParamsMisuse) return parameters;
  const all = conjuncts(ast);
  const readsItem = all.some(namesItem);
  const rest = readsItem ? all.filter((conjunct) => !itemGuard(conjunct)) : all;
  const itemParts = rest.filter(namesItem);
  return {
    parameters,
    readsItem,
    eccnIn: allowed('eccn', all),
    kindIn: allowed('kind', all),
    shared: rest.filter((conjunct) => !namesItem(conjunct)),
    byEccn: itemParts.filter(readsOnlyEccn),
    perItem: itemParts.filter((conjunct) => !readsOnlyEccn(conjunct)),
  };
}

/** True when every variable the expression names is `item`, as `item.eccn` (comprehension variables count as others). */
function readsOnlyEccn(node: ASTNode): boolean {
  if (node.op === '.' && node.args[0].op === 'id' && node.args[0].args === 'item') return node.args[1] === 'eccn';
  if (node.op === 'id') return false;
  return childrenOf(node).every(readsOnlyEccn);
}

/** The parameters a (sub)expression reads, sorted, or the first use of `params` that names none. */
export function parametersOf(ast: ASTNode): string[] | ParamsMisuse {
  const parameters = new Set<string>();
  let misuse: ParamsMisuse | undefined;
  const visit = (node: ASTNode): void => {
    const named = parameterRead(node);
    if (named !== undefined) parameters.add(named);
    else if (node.op === 'id' && node.args === 'params') misuse ??= new ParamsMisuse(node.start);
    else childrenOf(node).forEach(visit);
  };
  visit(ast);
  return misuse ?? [...parameters].sort();
}

/** Conservative: an iteration variable that shadows `item` also counts. */
function namesItem(node: ASTNode): boolean {
  return (node.op === 'id' && node.args === 'item') || childrenOf(node).some(namesItem);
}

function parameterRead(node: ASTNode): string | undefined {
  if (node.op === '[]' && isParams(node.args[0]) && node.args[1].op === 'value' && typeof node.args[1].args === 'string') {
    return node.args[1].args;
  }
  if (node.op === '.' && isParams(node.args[0])) return node.args[1];
  if (node.op === 'in' && isParams(node.args[1]) && node.args[0].op === 'value' && typeof node.args[0].args === 'string') {
    return node.args[0].args;
  }
  return undefined;
}

function isParams(node: ASTNode): boolean {
  return node.op === 'id' && node.args === 'params';
}

function allowed(field: ItemGuard['field'], all: ASTNode[]): ReadonlySet<string> | null {
  let values: ReadonlySet<string> | null = null;
  for (const conjunct of all) {
    const guard = itemGuard(conjunct);
    if (!guard || guard.field !== field) continue;
    const known: ReadonlySet<string> = values ?? guard.values;
    values = new Set([...guard.values].filter((value) => known.has(value)));
  }
  return values;
}

function conjuncts(node: ASTNode): ASTNode[] {
  return node.op === '&&' ? [...conjuncts(node.args[0]), ...conjuncts(node.args[1])] : [node];
}

function itemGuard(node: ASTNode): ItemGuard | undefined {
  if (node.op === '==') {
    const [left, right] = node.args;
    const field = itemField(left) ?? itemField(right);
    const literal = stringLiteral(right) ?? stringLiteral(left);
    return field && literal !== undefined ? { field, values: new Set([literal]) } : undefined;
  }
  if (node.op === 'in') {
    const field = itemField(node.args[0]);
    const list = node.args[1];
    if (!field || list.op !== 'list') return undefined;
    const values = list.args.map(stringLiteral);
    return values.every((v) => v !== undefined) ? { field, values: new Set(values as string[]) } : undefined;
  }
  return undefined;
}

function itemField(node: ASTNode): ItemGuard['field'] | undefined {
  if (node.op !== '.' || node.args[0].op !== 'id' || node.args[0].args !== 'item') return undefined;
  return node.args[1] === 'eccn' || node.args[1] === 'kind' ? node.args[1] : undefined;
}

function stringLiteral(node: ASTNode): string | undefined {
  return node.op === 'value' && typeof node.args === 'string' ? node.args : undefined;
}
