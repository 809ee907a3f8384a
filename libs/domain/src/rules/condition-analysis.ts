import type { ASTNode } from '@marcbachmann/cel-js';

/** A top-level conjunct `item.<field> == "x"` or `item.<field> in ["x", ...]`. */
export interface ItemGuard {
  field: 'eccn' | 'kind';
  values: ReadonlySet<string>;
}

/** What a condition reads, found in its syntax tree once at compile time. */
export interface ConditionAnalysis {
  /** Names of the parameters read through `params["name"]`, `params.name` or `"name" in params`; sorted. */
  parameters: string[];
  /** False when the condition never names `item`: its value is the same for every item. */
  readsItem: boolean;
  /**
   * Necessary conditions on the item's ECCN or kind. When one fails the whole condition is
   * false (CEL's `false && x` is false even when x is an error), so the engine may skip CEL.
   */
  guards: ItemGuard[];
}

/** A use of `params` that is not a read of one named parameter. */
export class ParamsMisuse {
  constructor(readonly offset: number) {}
}

export function analyseCondition(ast: ASTNode): ConditionAnalysis | ParamsMisuse {
  const parameters = new Set<string>();
  let readsItem = false;
  let misuse: ParamsMisuse | undefined;

  const visit = (node: ASTNode): void => {
    const named = parameterRead(node);
    if (named !== undefined) {
      parameters.add(named);
      return;
    }
    if (node.op === 'id') {
      if (node.args === 'params') misuse ??= new ParamsMisuse(node.start);
      if (node.args === 'item') readsItem = true;
      return;
    }
    childrenOf(node).forEach(visit);
  };

  visit(ast);
  if (misuse) return misuse;
  return { parameters: [...parameters].sort(), readsItem, guards: guardsOf(ast) };
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

function childrenOf(node: ASTNode): ASTNode[] {
  const found: ASTNode[] = [];
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (isNode(value)) found.push(value);
  };
  collect(node.args);
  return found;
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}

function guardsOf(ast: ASTNode): ItemGuard[] {
  const byField = new Map<ItemGuard['field'], Set<string>>();
  for (const conjunct of conjuncts(ast)) {
    const guard = itemGuard(conjunct);
    if (!guard) continue;
    const known = byField.get(guard.field);
    byField.set(guard.field, known ? new Set([...known].filter((v) => guard.values.has(v))) : new Set(guard.values));
  }
  return [...byField].map(([field, values]) => ({ field, values }));
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
