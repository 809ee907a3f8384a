/** The result of charging a caller: allowed or not, with what the RateLimit headers report. */
export interface Charge {
  allowed: boolean;
  limit: number;
  /** Points left after this charge (or before it, when refused). */
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** When refused: seconds until this charge would be allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  points: number;
  at: number;
}

/**
 * Token buckets by caller: each holds up to `limit` points and refills at `limit` per
 * `windowSeconds`; a request takes the points it costs. Memory is bounded: past `maxCallers`
 * buckets, full ones (callers idle for a window) are dropped first, then the oldest.
 */
export class PointsBuckets {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly limit: number,
    readonly windowSeconds: number,
    private readonly now: () => number = () => performance.now(),
    private readonly maxCallers = 100_000,
  ) {
    this.perMs = limit / (windowSeconds * 1000);
  }

  charge(caller: string, points: number): Charge {
    const at = this.now();
    let bucket = this.buckets.get(caller);
    if (bucket === undefined) {
      if (this.buckets.size >= this.maxCallers) this.evict(at);
      bucket = { points: this.limit, at };
      this.buckets.set(caller, bucket);
    } else {
      bucket.points = Math.min(this.limit, bucket.points + (at - bucket.at) * this.perMs);
      bucket.at = at;
    }
    const allowed = bucket.points >= points;
    if (allowed) bucket.points -= points;
    const missing = Math.max(0, points - bucket.points);
    return {
      allowed,
      limit: this.limit,
      remaining: Math.floor(bucket.points),
      resetSeconds: Math.ceil((this.limit - bucket.points) / this.perMs / 1000),
      retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(missing / this.perMs / 1000)),
    };
  }

  private evict(at: number): void {
    for (const [caller, bucket] of this.buckets) {
      if (bucket.points + (at - bucket.at) * this.perMs >= this.limit) this.buckets.delete(caller);
    }
    if (this.buckets.size >= this.maxCallers) this.buckets.delete(this.buckets.keys().next().value as string);
  }
}
