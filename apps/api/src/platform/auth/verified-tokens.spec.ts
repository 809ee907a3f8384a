import type { Actor } from '#domain';
import { VerifiedTokens } from './verified-tokens.js';

const ANA: Actor = { id: 'ana', roles: ['viewer'] };

describe('VerifiedTokens', () => {
  let now: number;
  let tokens: VerifiedTokens;

  beforeEach(() => {
    now = 1_000_000;
    tokens = new VerifiedTokens(() => now);
  });

  it('knows nothing of a token it was not told about', () => {
    expect(tokens.get('t')).toBeUndefined();
  });

  it('answers with the actor until the token stops being accepted', () => {
    tokens.remember('t', ANA, now + 5_000);

    now += 4_999;
    expect(tokens.get('t')).toBe(ANA);
    now += 1;
    expect(tokens.get('t')).toBeUndefined();
  });

  it('trusts a long-lived token for a minute at most, then it must be verified again', () => {
    tokens.remember('t', ANA, now + 3_600_000);

    now += 59_999;
    expect(tokens.get('t')).toBe(ANA);
    now += 1;
    expect(tokens.get('t')).toBeUndefined();
  });

  it('holds at most 10,000 tokens, forgetting the oldest first', () => {
    for (let i = 0; i <= 10_000; i++) tokens.remember(`t${i}`, ANA, now + 60_000);

    expect(tokens.get('t0')).toBeUndefined();
    expect(tokens.get('t1')).toBe(ANA);
    expect(tokens.get('t10000')).toBe(ANA);
  });
});
