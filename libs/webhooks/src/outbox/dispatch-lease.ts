import { randomUUID } from 'node:crypto';
import { ConcurrencyError, type EventStore } from '#event-store';
import { LEASE_RELEASED, LEASE_STREAM, LEASE_TAKEN, type WebhookDispatchLeaseReleased, type WebhookDispatchLeaseTaken } from './webhook-events.js';

/** The lease as this node holds it: until when, and the position of the event that took or renewed it. */
export interface HeldLease {
  expiresAt: number;
  position: number;
  /** True when this call took it over (from nobody, an expired holder or one that released it). */
  taken: boolean;
}

/**
 * Which node delivers webhooks: a lease in the store (docs/adr/021-webhooks.md). Taking or
 * renewing it is an append to one stream with the revision last read, so of nodes racing for it
 * exactly one succeeds; a holder renews it while it has work and lets it lapse when idle, so an
 * idle cluster writes nothing. A holder that dies stops renewing and another node takes over once
 * the lease has expired. Expiry compares wall clocks of different nodes: keep them in sync (NTP),
 * well within the lease's length.
 */
export class DispatchLease {
  private held?: { expiresAt: number; revision: number };

  constructor(
    private readonly store: EventStore,
    /** This process: a fresh id per start, so a restarted node never mistakes an old lease for its own. */
    readonly holder: string,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds this node may still act on the lease as far as it knows (0: not holding it). */
  remainingMs(): number {
    return this.held ? Math.max(0, this.held.expiresAt - this.now()) : 0;
  }

  /**
   * Holds the lease for at least another half of its length: renews it when less is left, takes
   * it when nobody holds it. Undefined when another node holds it (or won the race for it).
   */
  async acquire(): Promise<HeldLease | undefined> {
    const now = this.now();
    if (this.held && this.held.expiresAt - now > this.ttlMs / 2) return { expiresAt: this.held.expiresAt, position: -1, taken: false };
    const [tail] = await this.store.readStream(LEASE_STREAM, { direction: 'backwards', maxCount: 1 });
    const current = tail?.type === LEASE_TAKEN ? (tail.data as WebhookDispatchLeaseTaken) : undefined;
    if (current && current.holder !== this.holder && Date.parse(current.expiresAt) > now) {
      this.held = undefined;
      return undefined;
    }
    const expiresAt = now + this.ttlMs;
    const taken: WebhookDispatchLeaseTaken = { holder: this.holder, expiresAt: new Date(expiresAt).toISOString() };
    try {
      const appended = await this.store.append(LEASE_STREAM, [{ id: randomUUID(), type: LEASE_TAKEN, data: taken }], tail ? tail.revision : 'no_stream');
      this.held = { expiresAt, revision: appended.nextRevision };
      return { expiresAt, position: appended.position, taken: current?.holder !== this.holder };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      this.held = undefined;
      return undefined;
    }
  }

  /** Gives the lease up at once (graceful shutdown), so another node need not wait for it to expire. */
  async release(): Promise<void> {
    const held = this.held;
    this.held = undefined;
    if (!held || held.expiresAt <= this.now()) return;
    const released: WebhookDispatchLeaseReleased = { holder: this.holder };
    try {
      await this.store.append(LEASE_STREAM, [{ id: randomUUID(), type: LEASE_RELEASED, data: released }], held.revision);
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
    }
  }
}
