import type { ASTNode } from '@marcbachmann/cel-js';
import { FACT_LIST_LENGTH, FACT_TEXT_LENGTH, FACT_TYPES, factTextLength } from './cel-environment.js';
import { CONDITION_LIMITS } from './condition-limits.js';
import { LINEAR_MATCHES } from './linear-match.js';

/** A condition outside CONDITION_LIMITS, or using a function conditions may not call. */
export class ConditionCostFault {
  constructor(
    readonly reason: string,
    readonly offset: number,
  ) {}
}

/** The largest value an expression can produce: its size bound, used to bound what reads it. */
type Size =
  { kind: 'scalar' } | { kind: 'string'; length: number } | { kind: 'list'; length: number; element: Size } | { kind: 'map'; length: number; value: Size };

interface Estimate {
  cost: number;
  size: Size;
}

const SCALAR: Size = { kind: 'scalar' };
/** `string(x)` of a number or bool, and the like. */
const NUMBER_TEXT: Size = { kind: 'string', length: 32 };
const COMPREHENSIONS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);

/** Cost of reading `length` characters. */
const traversal = (length: number): number => Math.ceil(length / 10);

/**
 * A sound upper bound of the work a type-checked condition does for one item, given the size
 * bounds of the facts (cel-environment.ts) that input validation and the change checks enforce.
 * @returns the cost, or the first fault found (with its offset in the condition's text)
 */
export function estimateConditionCost(ast: ASTNode): number | ConditionCostFault {
  try {
    return new CostEstimator().estimate(ast, new Map(), 0).cost;
  } catch (error) {
    if (error instanceof ConditionCostFault) return error;
    throw error;
  }
}

class CostEstimator {
  estimate(node: ASTNode, scope: ReadonlyMap<string, Size>, nesting: number): Estimate {
    const sub = (child: ASTNode) => this.estimate(child, scope, nesting);
    switch (node.op) {
      case 'value':
        return literal(node);
      case 'id':
        return { cost: 1, size: scope.get(node.args as string) ?? variableSize(node.args as string) };
      case '.':
        return field(sub(node.args[0] as ASTNode), node.args[0] as ASTNode, node.args[1] as string);
      case '[]':
        return index(sub(node.args[0] as ASTNode), sub(node.args[1] as ASTNode));
      case 'list':
        return listLiteral(node, (node.args as ASTNode[]).map(sub));
      case 'map':
        return mapLiteral(
          node,
          (node.args as [ASTNode, ASTNode][]).map(([key, value]) => [sub(key), sub(value)]),
        );
      case '?:': {
        const [test, then, otherwise] = (node.args as ASTNode[]).map(sub) as [Estimate, Estimate, Estimate];
        return { cost: 1 + test.cost + Math.max(then.cost, otherwise.cost), size: larger(then.size, otherwise.size) };
      }
      case '||':
      case '&&':
        return { cost: 1 + sub(node.args[0] as ASTNode).cost + sub(node.args[1] as ASTNode).cost, size: SCALAR };
      case '!_':
      case '-_':
        return { cost: 1 + sub(node.args as ASTNode).cost, size: SCALAR };
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [left, right] = [sub(node.args[0] as ASTNode), sub(node.args[1] as ASTNode)];
        return { cost: left.cost + right.cost + comparison(left.size, right.size), size: SCALAR };
      }
      case 'in': {
        const [element, collection] = [sub(node.args[0] as ASTNode), sub(node.args[1] as ASTNode)];
        const scan = collection.size.kind === 'list' ? collection.size.length * comparison(element.size, collection.size.element) : 1;
        return { cost: element.cost + collection.cost + scan, size: SCALAR };
      }
      case '+':
        return concatenation(sub(node.args[0] as ASTNode), sub(node.args[1] as ASTNode));
      case '-':
      case '*':
      case '/':
      case '%':
        return { cost: 1 + sub(node.args[0] as ASTNode).cost + sub(node.args[1] as ASTNode).cost, size: SCALAR };
      case 'call':
        return this.call(node, scope, nesting);
      case 'rcall':
        return this.methodCall(node, scope, nesting);
      default:
        throw new ConditionCostFault(`the '${node.op}' operator is not allowed in policy conditions`, node.start);
    }
  }

  private call(node: ASTNode, scope: ReadonlyMap<string, Size>, nesting: number): Estimate {
    const [name, args] = node.args as [string, ASTNode[]];
    if (name === 'has') return { cost: 1 + args.length, size: SCALAR };
    const values = args.map((arg) => this.estimate(arg, scope, nesting));
    const cost = 1 + values.reduce((sum, value) => sum + value.cost, 0);
    const first = values[0]?.size ?? SCALAR;
    switch (name) {
      case 'size':
      case 'bool':
      case 'int':
      case 'uint':
      case 'double':
        return { cost: cost + (first.kind === 'string' ? traversal(first.length) : 0), size: SCALAR };
      case 'string':
        return { cost, size: first.kind === 'string' ? first : NUMBER_TEXT };
      case 'dyn':
        return { cost, size: first };
      default:
        throw notAllowed(name, node);
    }
  }

  private methodCall(node: ASTNode, scope: ReadonlyMap<string, Size>, nesting: number): Estimate {
    const [name, receiverNode, args] = node.args as [string, ASTNode, ASTNode[]];
    const receiver = this.estimate(receiverNode, scope, nesting);
    if (COMPREHENSIONS.has(name)) return this.comprehension(node, name, receiver, args, scope, nesting);
    const values = args.map((arg) => this.estimate(arg, scope, nesting));
    const cost = 1 + receiver.cost + values.reduce((sum, value) => sum + value.cost, 0);
    const text = receiver.size.kind === 'string' ? receiver.size.length : 0;
    const argText = values[0]?.size.kind === 'string' ? values[0].size.length : 0;
    switch (name) {
      case 'size':
        return { cost, size: SCALAR };
      case 'startsWith':
      case 'endsWith':
        return { cost: cost + traversal(Math.min(text, argText)), size: SCALAR };
      case 'contains':
      case 'indexOf':
      case 'lastIndexOf':
        return { cost: cost + traversal(text) * Math.max(1, argText), size: SCALAR };
      case LINEAR_MATCHES:
        // RE2 runs in time linear in the text, times the size of the compiled pattern.
        return { cost: cost + traversal(text) * Math.max(1, argText), size: SCALAR };
      case 'lowerAscii':
      case 'upperAscii':
      case 'trim':
      case 'substring':
        return { cost: cost + traversal(text), size: receiver.size };
      case 'split':
        return { cost: cost + traversal(text), size: { kind: 'list', length: text + 1, element: receiver.size } };
      case 'join': {
        const size = receiver.size.kind === 'list' ? receiver.size : { length: 0, element: SCALAR };
        const each = size.element.kind === 'string' ? size.element.length : 0;
        const length = size.length * (each + argText);
        return { cost: cost + traversal(length), size: { kind: 'string', length } };
      }
      default:
        throw notAllowed(name, node);
    }
  }

  /** `range.all(x, p)` and the like: the body once per element, each element bound to `x`. */
  private comprehension(node: ASTNode, name: string, range: Estimate, args: ASTNode[], scope: ReadonlyMap<string, Size>, nesting: number): Estimate {
    if (nesting >= CONDITION_LIMITS.maxComprehensionNesting) {
      throw new ConditionCostFault(`comprehensions may be nested at most ${CONDITION_LIMITS.maxComprehensionNesting} deep`, node.start);
    }
    if (range.size.kind !== 'list') throw new ConditionCostFault(`${name}() may range over a list only`, node.start);
    const variable = (args[0] as ASTNode).args as string;
    const inner = new Map(scope).set(variable, range.size.element);
    const bodies = args.slice(1).map((arg) => this.estimate(arg, inner, nesting + 1));
    const perElement = 1 + bodies.reduce((sum, body) => sum + body.cost, 0);
    const mapped = name === 'map' ? (bodies.at(-1) as Estimate).size : range.size.element;
    const size: Size = name === 'map' || name === 'filter' ? { kind: 'list', length: range.size.length, element: mapped } : SCALAR;
    return { cost: 1 + range.cost + range.size.length * perElement, size };
  }
}

function literal(node: ASTNode): Estimate {
  if (typeof node.args !== 'string') return { cost: 1, size: SCALAR };
  if (node.args.length > CONDITION_LIMITS.maxLiteralLength) {
    throw new ConditionCostFault(`a string literal may hold at most ${CONDITION_LIMITS.maxLiteralLength} characters`, node.start);
  }
  return { cost: 1, size: { kind: 'string', length: node.args.length } };
}

function listLiteral(node: ASTNode, elements: Estimate[]): Estimate {
  if (elements.length > CONDITION_LIMITS.maxLiteralElements) {
    throw new ConditionCostFault(`a list literal may hold at most ${CONDITION_LIMITS.maxLiteralElements} elements`, node.start);
  }
  const element = elements.reduce<Size | null>((size, e) => (size === null ? e.size : larger(size, e.size)), null) ?? SCALAR;
  return { cost: 1 + elements.reduce((sum, e) => sum + e.cost, 0), size: { kind: 'list', length: elements.length, element } };
}

function mapLiteral(node: ASTNode, entries: [Estimate, Estimate][]): Estimate {
  if (entries.length > CONDITION_LIMITS.maxLiteralElements) {
    throw new ConditionCostFault(`a map literal may hold at most ${CONDITION_LIMITS.maxLiteralElements} entries`, node.start);
  }
  const value = entries.reduce<Size | null>((size, [, v]) => (size === null ? v.size : larger(size, v.size)), null) ?? SCALAR;
  return { cost: 1 + entries.reduce((sum, [k, v]) => sum + k.cost + v.cost, 0), size: { kind: 'map', length: entries.length, value } };
}

function variableSize(name: string): Size {
  switch (name) {
    case 'params':
    case 'ledger':
      return { kind: 'map', length: FACT_LIST_LENGTH, value: SCALAR };
    case 'endUse':
      return { kind: 'string', length: FACT_TEXT_LENGTH };
    case 'transaction':
      return { kind: 'string', length: 'IN_COUNTRY_TRANSFER'.length };
    default:
      return SCALAR; // a facts object: its fields carry the sizes
  }
}

function field(receiver: Estimate, receiverNode: ASTNode, name: string): Estimate {
  const cost = receiver.cost + 1;
  if (receiver.size.kind === 'map') return { cost, size: receiver.size.value };
  const type = (receiverNode as { checkedType?: { name?: string } }).checkedType?.name;
  const fieldType = type === undefined ? undefined : factFieldType(type, name);
  if (fieldType === 'string') return { cost, size: { kind: 'string', length: factTextLength(name) } };
  if (fieldType === 'list') return { cost, size: { kind: 'list', length: FACT_LIST_LENGTH, element: { kind: 'string', length: factTextLength(name) } } };
  return { cost, size: SCALAR };
}

function index(receiver: Estimate, key: Estimate): Estimate {
  const cost = receiver.cost + key.cost + 1;
  if (receiver.size.kind === 'list') return { cost, size: receiver.size.element };
  if (receiver.size.kind === 'map') return { cost, size: receiver.size.value };
  return { cost, size: SCALAR };
}

function concatenation(left: Estimate, right: Estimate): Estimate {
  const cost = 1 + left.cost + right.cost;
  if (left.size.kind === 'string' && right.size.kind === 'string') {
    const length = left.size.length + right.size.length;
    return { cost: cost + traversal(length), size: { kind: 'string', length } };
  }
  if (left.size.kind === 'list' && right.size.kind === 'list') {
    const length = left.size.length + right.size.length;
    return { cost: cost + length, size: { kind: 'list', length, element: larger(left.size.element, right.size.element) } };
  }
  return { cost, size: SCALAR };
}

/** Equality of strings reads them; of lists, compares element by element. */
function comparison(left: Size, right: Size): number {
  if (left.kind === 'string' && right.kind === 'string') return 1 + traversal(Math.min(left.length, right.length));
  if (left.kind === 'list' && right.kind === 'list') return 1 + Math.min(left.length, right.length) * comparison(left.element, right.element);
  if (left.kind === 'map' && right.kind === 'map') return 1 + Math.min(left.length, right.length) * comparison(left.value, right.value);
  return 1;
}

function larger(a: Size, b: Size): Size {
  if (a.kind === 'string' && b.kind === 'string') return { kind: 'string', length: Math.max(a.length, b.length) };
  if (a.kind === 'list' && b.kind === 'list') return { kind: 'list', length: Math.max(a.length, b.length), element: larger(a.element, b.element) };
  if (a.kind === 'map' && b.kind === 'map') return { kind: 'map', length: Math.max(a.length, b.length), value: larger(a.value, b.value) };
  return a.kind === 'scalar' ? b : a;
}

/** The declared kind of a facts object's field, from the checked type of the object. */
function factFieldType(typeName: string, fieldName: string): 'string' | 'list' | 'other' | undefined {
  const declared = (FACT_TYPES as Record<string, Record<string, string>>)[typeName]?.[fieldName];
  if (declared === undefined) return undefined;
  return declared === 'string' ? 'string' : declared.startsWith('list<') ? 'list' : 'other';
}

function notAllowed(name: string, node: ASTNode): ConditionCostFault {
  return new ConditionCostFault(`the function ${name}() is not allowed in policy conditions`, node.start);
}
