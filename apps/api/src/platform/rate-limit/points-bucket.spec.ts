import { PointsBuckets } from './points-bucket.js';

describe('PointsBuckets', () => {
  let now = 0;
  const buckets = () => new PointsBuckets(100, 10, () => now, 3);

  beforeEach(() => {
    now = 0;
  });

  it('given a full bucket, when charged within the limit then it allows and reports what is left', () => {
    expect(buckets().charge('sub:a', 30)).toEqual({ allowed: true, limit: 100, remaining: 70, resetSeconds: 3, retryAfterSeconds: 0 });
  });

  it('given a drained bucket, when charged then it refuses with the seconds until the charge fits, and it refills over the window', () => {
    const limiter = buckets();
    limiter.charge('sub:a', 95);
    expect(limiter.charge('sub:a', 25)).toMatchObject({ allowed: false, remaining: 5, retryAfterSeconds: 2 });
    now = 2000;
    expect(limiter.charge('sub:a', 25)).toMatchObject({ allowed: true, remaining: 0 });
  });

  it('keeps callers apart, and bounds memory by dropping idle callers first', () => {
    const limiter = buckets();
    limiter.charge('sub:a', 100);
    expect(limiter.charge('ip:1.2.3.4', 100).allowed).toBe(true);
    limiter.charge('sub:b', 1);
    now = 20_000;
    limiter.charge('sub:c', 1);
    limiter.charge('sub:d', 1);
    expect(limiter.charge('sub:a', 100).allowed).toBe(true);
  });
});
