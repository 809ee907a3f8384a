/**
 * Canonical JSON: object keys sorted (by UTF-16 code units) at every depth, no whitespace,
 * `undefined` and function members dropped as JSON.stringify drops them. Two JSON-equal values
 * always give the same text, whatever the key order they were built or stored with, so a hash
 * over it survives a round trip through any store. (Hot path of every append: written for speed.)
 * Free of Node APIs: the audit receipt verifier runs it in browsers (docs/audit.md).
 */
export function canonicalJson(value: unknown): string {
  const text = write(value);
  return text === undefined ? 'null' : text;
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
