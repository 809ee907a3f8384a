import { InvalidInputError } from '#domain';

/** Opaque page cursors over commit positions, for listings ordered by position. */
export function encodePositionCursor(position: number): string {
  return Buffer.from(`position:${position}`).toString('base64url');
}

export function decodePositionCursor(cursor: string, path = 'after'): number {
  const match = /^position:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InvalidInputError(`${path}: '${cursor}' is not a cursor this query returned`, path);
  return Number(match[1]);
}
