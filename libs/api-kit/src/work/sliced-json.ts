import { nextTurn } from './turns.js';

/**
 * Counts the values in a JSON-like tree (every object, array and primitive is one), stopping at
 * `limit`: how big an answer is, found in time bounded by the limit rather than by the answer.
 */
export function jsonWeightAtMost(value: unknown, limit: number): number {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0 && count < limit) {
    const current = stack.pop();
    count++;
    if (!isWalkable(current)) continue;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (let i = 0; i < children.length && count + stack.length < limit; i++) stack.push(children[i]);
  }
  return count;
}

/** Containers smaller than this are written by JSON.stringify in one piece. */
const PIECE_WEIGHT = 256;

export interface JsonSliceOptions {
  /** Work at most about this long before waiting for a turn of the event loop. */
  sliceMs: number;
  /** Characters per chunk handed to the stream. */
  chunkChars?: number;
  /** Stops between slices when aborted (the reason is thrown). */
  signal?: AbortSignal;
}

/**
 * The text JSON.stringify(value) gives, in chunks, taking turns with the rest of the server
 * (turns.ts) every `sliceMs`: a large answer is written while other requests and health checks
 * are served, and is never held as one string. Arrays and plain objects are walked; everything
 * else, and containers under PIECE_WEIGHT values, go through JSON.stringify itself.
 */
export async function* jsonSlices(value: unknown, options: JsonSliceOptions): AsyncGenerator<string> {
  const chunkChars = options.chunkChars ?? 65_536;
  let chunk = '';
  let sliceStarted = performance.now();
  for (const piece of pieces(value, '', new Set())) {
    chunk += piece;
    if (chunk.length < chunkChars) continue;
    yield chunk;
    chunk = '';
    if (performance.now() - sliceStarted >= options.sliceMs) {
      await nextTurn(options.signal);
      sliceStarted = performance.now();
    }
  }
  if (chunk.length > 0) yield chunk;
}

function* pieces(value: unknown, key: string, walking: Set<object>): Generator<string> {
  if (!isWalkable(value) || jsonWeightAtMost(value, PIECE_WEIGHT) < PIECE_WEIGHT) {
    const text = JSON.stringify(value);
    // undefined only for values JSON leaves out (undefined, functions, symbols); callers skip those.
    if (text !== undefined) yield text;
    return;
  }
  if (walking.has(value)) throw new TypeError(`Converting circular structure to JSON (at "${key}")`);
  walking.add(value);
  if (Array.isArray(value)) {
    yield '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) yield ',';
      yield* omitted(value[i]) ? ['null'] : pieces(value[i], String(i), walking);
    }
    yield ']';
  } else {
    yield '{';
    let first = true;
    for (const [name, member] of Object.entries(value)) {
      if (omitted(member)) continue;
      yield `${first ? '' : ','}${JSON.stringify(name)}:`;
      first = false;
      yield* pieces(member, name, walking);
    }
    yield '}';
  }
  walking.delete(value);
}

/** Arrays and plain objects without toJSON: what is walked rather than stringified whole. */
function isWalkable(value: unknown): value is Record<string, unknown> | unknown[] {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return true;
  const prototype = Object.getPrototypeOf(value) as object | null;
  return (prototype === Object.prototype || prototype === null) && typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/** Values JSON.stringify leaves out of objects and writes as null in arrays. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
