import { sha256 as pureSha256 } from '@noble/hashes/sha2.js';

/** SHA-256 of some bytes (32 bytes out). */
export type Sha256 = (bytes: Uint8Array) => Uint8Array;

/**
 * RFC 9162 section 2.1.1 hashing: a leaf is SHA-256(0x00 || bytes), an interior node
 * SHA-256(0x01 || left || right), the empty tree SHA-256(""). The SHA-256 implementation is
 * injected: browsers and the offline verifier use a pure one (the default), the server passes
 * Node's native one to build the tree fast. Both give the same bytes (a test holds this).
 */
export class MerkleHasher {
  /**
   * @param sha256Text optional SHA-256 of a string's UTF-8 bytes, for hashing leaf texts without
   * copying them into byte arrays first (Node's one-shot hash takes strings); same result.
   */
  constructor(
    private readonly sha256: Sha256 = pureSha256,
    private readonly sha256Text?: (text: string) => Uint8Array,
  ) {}

  emptyRoot(): Uint8Array {
    return this.sha256(new Uint8Array(0));
  }

  leafHash(leaf: Uint8Array): Uint8Array {
    const input = new Uint8Array(1 + leaf.length);
    input[0] = 0x00;
    input.set(leaf, 1);
    return this.sha256(input);
  }

  /** The leaf hash of a text's UTF-8 bytes. */
  leafHashOfText(text: string): Uint8Array {
    // U+0000 is the single byte 0x00 in UTF-8: the leaf prefix.
    return this.sha256Text ? this.sha256Text('\u0000' + text) : this.leafHash(new TextEncoder().encode(text));
  }

  nodeHash(left: Uint8Array, right: Uint8Array): Uint8Array {
    const input = new Uint8Array(1 + left.length + right.length);
    input[0] = 0x01;
    input.set(left, 1);
    input.set(right, 1 + left.length);
    return this.sha256(input);
  }
}

/** The pure-JavaScript hasher: works unchanged in browsers and in Node. */
export const defaultHasher = new MerkleHasher();
