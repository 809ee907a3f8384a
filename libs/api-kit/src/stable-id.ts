import { createHash } from 'node:crypto';

/**
 * A UUID-shaped id derived from a name (the idea of RFC 4122 version 5, with SHA-256): the same
 * command or file always yields the same event ids, which makes retries and re-imports no-ops.
 */
export function stableId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
