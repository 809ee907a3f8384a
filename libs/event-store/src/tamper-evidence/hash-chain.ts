import * as crypto from 'node:crypto';
import type { BrokenLink, ChainVerification } from '../event-store.port.js';
import { canonicalJson } from '#domain/canonical-json';

// crypto.hash (one call, no Hash object) is about twice as fast for small inputs; Node >= 20.12.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;
const sha256Hex = oneShot
  ? (text: string): string => oneShot('sha256', text, 'hex')
  : (text: string): string => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** `prevHash` of a stream's first event (revision 0). */
export const GENESIS_HASH = '';

/**
 * sha256 (hex) over the canonical JSON of
 * `{ stream, revision, type, data, metadata (without hash, with prevHash), prevHash }`.
 * Takes `data` and `metadata` already in canonical JSON so that an append serializes each once;
 * the keys are written in canonical (sorted) order, so the text equals `canonicalJson` of that
 * object (a unit test holds this).
 */
export function eventHash(
  stream: string,
  revision: number,
  type: string,
  canonicalData: string,
  canonicalMetadataWithoutHash: string,
  prevHash: string,
): string {
  const text =
    '{"data":' +
    canonicalData +
    ',"metadata":' +
    canonicalMetadataWithoutHash +
    ',"prevHash":' +
    JSON.stringify(prevHash) +
    ',"revision":' +
    String(revision) +
    ',"stream":' +
    JSON.stringify(stream) +
    ',"type":' +
    JSON.stringify(type) +
    '}';
  return sha256Hex(text);
}

/** An event in its stored shape (before upcasting), as the chain covers it. */
export interface ChainedEvent {
  id: string;
  stream: string;
  revision: number;
  position: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/**
 * Walks events and checks every stream's chain. Feed each stream's events in revision order
 * (streams may interleave, as in the global log); `result()` reports the first broken link seen.
 */
export class ChainVerifier {
  private readonly tails = new Map<string, { revision: number; hash: string }>();
  private events = 0;
  private broken: BrokenLink | undefined;

  /** Returns false once a broken link has been found (the caller may stop feeding). */
  check(event: ChainedEvent): boolean {
    if (this.broken) return false;
    this.events++;
    const tail = this.tails.get(event.stream);
    const expectedRevision = tail ? tail.revision + 1 : 0;
    const expectedPrev = tail ? tail.hash : GENESIS_HASH;
    const fail = (reason: BrokenLink['reason'], expected: string, actual: string): boolean => {
      this.broken = { stream: event.stream, revision: event.revision, position: event.position, id: event.id, reason, expected, actual };
      return false;
    };
    if (event.revision !== expectedRevision) return fail('revision-gap', String(expectedRevision), String(event.revision));
    const { hash, ...withoutHash } = event.metadata;
    if (typeof hash !== 'string' || typeof withoutHash.prevHash !== 'string') return fail('missing-hash', 'a hash and a prevHash', 'none');
    const recomputed = eventHash(event.stream, event.revision, event.type, canonicalJson(event.data), canonicalJson(withoutHash), withoutHash.prevHash);
    if (recomputed !== hash) return fail('hash-mismatch', recomputed, hash);
    if (withoutHash.prevHash !== expectedPrev) return fail('prev-hash-mismatch', expectedPrev, withoutHash.prevHash);
    this.tails.set(event.stream, { revision: event.revision, hash });
    return true;
  }

  result(): ChainVerification {
    const counts = { streamsChecked: this.tails.size + (this.broken && !this.tails.has(this.broken.stream) ? 1 : 0), eventsChecked: this.events };
    return this.broken ? { ok: false, ...counts, broken: this.broken } : { ok: true, ...counts };
  }
}
