import type { Actor } from '#domain';

/** How long a verified token is taken on trust: a key removed from a JWKS stops counting within this. */
const TRUST_MS = 60_000;
const MAX_ENTRIES = 10_000;

/**
 * Tokens whose signature and claims were verified, with the actor they name. An integration sends
 * the same token with every request; checking its signature again each time cost as much CPU
 * as a quarter of an `evaluate`. An entry holds until the token expires (with the verifier's clock
 * tolerance) or TRUST_MS after it was verified, whichever comes first; the same string always
 * carries the same claims and signature, so nothing else can change the outcome.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  get(token: string): Actor | undefined {
    const entry = this.entries.get(token);
    if (entry === undefined) return undefined;
    if (this.now() < entry.until) return entry.actor;
    this.entries.delete(token);
    return undefined;
  }

  /** `acceptedUntil`: the last instant (ms) at which the verifier would still accept the token. */
  remember(token: string, actor: Actor, acceptedUntil: number): void {
    // Oldest first: a Map iterates in insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, { actor, until: Math.min(acceptedUntil, this.now() + TRUST_MS) });
  }
}
