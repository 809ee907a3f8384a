// Integer arithmetic on tree sizes and indexes. Sizes pass 2^31, so no bitwise operators
// (they truncate to 32 bits): plain arithmetic is exact up to 2^53.

/** The largest power of two strictly less than n (n >= 2): RFC 9162's split point k. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  while (n % 2 === 0) n /= 2;
  return n === 1;
}

export function half(n: number): number {
  return Math.floor(n / 2);
}

export function isOdd(n: number): boolean {
  return n % 2 === 1;
}

export function isTreeSize(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
}

/**
 * The complete subtrees that make up leaves [start, end), left to right (largest first), when
 * `start` is a multiple of a power of two at least `end - start`, as every subtree RFC 9162's
 * recursion visits is. Each is { level, index }: leaves [index * 2^level, (index + 1) * 2^level).
 */
export function completeSubtrees(start: number, end: number): { level: number; index: number }[] {
  const out: { level: number; index: number }[] = [];
  while (start < end) {
    let size = 1;
    let level = 0;
    while (start % (size * 2) === 0 && start + size * 2 <= end) {
      size *= 2;
      level++;
    }
    out.push({ level, index: start / size });
    start += size;
  }
  return out;
}
