/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * `undefined` and function members dropped as JSON.stringify drops them. Two JSON-equal values
 * always give the same text, whatever the key order they were built or stored with, so a hash
 * over it survives a round trip through any store. (Hot path of every append: written for speed.)
 * Free of Node APIs: the audit receipt verifier runs it in browsers (docs/audit.md).
 */
export function canonicalJson(value: unknown): string {
  // A value already in canonical order (JSON parsed from canonical text, as stores read it back)
  // is written by the engine's own JSON.stringify: the same text, about 35 us for a 12 KB
  // determination where the walk below takes about 55.
  if (typeof value === 'object' && value !== null && inCanonicalOrder(value)) return JSON.stringify(value);
  const text = write(value);
  return text === undefined ? 'null' : text;
}

/**
 * Whether JSON.stringify writes `value` exactly as `write` would: every object a plain one (no
 * boxed primitives or class instances, which the two treat differently) whose keys JSON.stringify
 * enumerates in canonical order already, no toJSON anywhere (JSON.stringify passes it the key,
 * and calls it on functions too, which `write` drops), no function or bigint (left to `write`:
 * it drops the one and refuses the other). Stops at the first value that fails.
 */
function inCanonicalOrder(value: unknown): boolean {
  const type = typeof value;
  if (type !== 'object') return type !== 'function' && type !== 'bigint';
  if (value === null) return true;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!inCanonicalOrder(value[i])) return false;
    return true;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) return false;
  for (const key of keys) if (!inCanonicalOrder(record[key])) return false;
  return true;
}

/**
 * The members of an object as canonical `"key":value` texts, in canonical order, so a caller
 * can add a member (the event hash) without serializing the rest twice.
 */
export function canonicalMembers(record: Record<string, unknown>): { key: string; text: string }[] {
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  const members: { key: string; text: string }[] = [];
  for (const key of keys) {
    const text = write(record[key]);
    if (text !== undefined) members.push({ key, text: quoteKey(key) + ':' + text });
  }
  return members;
}

/** Joins members (already in canonical order) into an object text. */
export function joinMembers(members: { text: string }[]): string {
  let out = '{';
  for (let i = 0; i < members.length; i++) out += (i === 0 ? '' : ',') + members[i]!.text;
  return out + '}';
}

const quotedKeys = new Map<string, string>();

function quoteKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    case 'bigint':
      return JSON.stringify(value); // throws, as JSON.stringify does
    default:
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + (write(value[i]) ?? 'null');
    return out + ']';
  }
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return write((value as { toJSON: () => unknown }).toJSON());
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length > 1) keys.sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const text = write(record[key]);
    if (text === undefined) continue;
    out += (first ? '' : ',') + quoteKey(key) + ':' + text;
    first = false;
  }
  return out + '}';
}
