import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE } from '#api-kit';
import { LEDGER_STREAM_PREFIX } from '#domain';
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '#event-store';
import { ProjectionProcessor, type ProjectionFollower } from '#projections';
import { WEBHOOK_STREAM_PREFIX, WebhookOutbox } from '#webhooks';
import { storeHead } from './store-head.js';

/** Positions of a follower's events the feed has seen and the follower has not yet applied, oldest first. */
class PendingPositions {
  private positions: number[] = [];
  private head = 0;
  /** Set when a follower fell so far behind that its pending positions were dropped. */
  overflowed = false;

  add(position: number): void {
    if (this.positions.length - this.head >= MAX_PENDING) {
      this.positions = [];
      this.head = 0;
      this.overflowed = true;
      return;
    }
    this.positions.push(position);
  }

  /** Drops what the follower has applied; returns the first position it has still to apply. */
  firstAfter(applied: number): number | undefined {
    while (this.head < this.positions.length && this.positions[this.head]! <= applied) this.head++;
    if (this.head > 1024 && this.head * 2 > this.positions.length) {
      this.positions = this.positions.slice(this.head);
      this.head = 0;
    }
    return this.positions[this.head];
  }

  get count(): number {
    return this.positions.length - this.head;
  }
}

const MAX_PENDING = 100_000;
const WAIT_POLL_MS = 5;

export interface FeedLag {
  /** Events of the product's streams in the store that this node's feed has not received yet (up to the limit + 1). */
  feed: number;
  /** Per projection: events it has still to apply, those in the store included. */
  projections: Record<string, number>;
}

/**
 * This node's view of the product's part of the log (docs/adr/011-read-your-writes.md). One
 * subscription to the product's streams, started at the store's head before the projections
 * start, records every later event's position and which projections it concerns. The
 * projections filter the log by stream, so one of them may never see a given position; with
 * this feed the node knows that every projection has applied everything up to a position P
 * once the feed has passed P and no projection still has an event at or before P to apply.
 */
@Injectable()
export class NodeFeed implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(NodeFeed.name);
  private readonly followers: ProjectionFollower[];
  /** Every stream a projection follows, the webhook outbox's, and the ledgers (written by the API, followed by none). */
  private readonly streams: EventFilter;
  private readonly pending = new Map<string, PendingPositions>();
  private subscription?: Subscription;
  private seen = 0;
  private lastEventAt: string | undefined;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ProjectionProcessor) projections: Pick<ProjectionProcessor, 'followers' | 'streamPrefixes'>,
    @Inject(WebhookOutbox) webhooks: Pick<WebhookOutbox, 'appliedPosition'>,
  ) {
    // The webhook outbox keeps its own runner (libs/webhooks): its registrations, deliveries and lease.
    const outbox: ProjectionFollower = {
      name: 'webhooks',
      matches: (event) => event.stream.startsWith(WEBHOOK_STREAM_PREFIX),
      appliedPosition: () => webhooks.appliedPosition,
    };
    this.followers = [...projections.followers(), outbox];
    const prefixes = projections.streamPrefixes();
    this.streams = prefixes === undefined ? {} : { streamPrefix: [...prefixes, LEDGER_STREAM_PREFIX, WEBHOOK_STREAM_PREFIX] };
    for (const follower of this.followers) this.pending.set(follower.name, new PendingPositions());
  }

  /** Runs at init, before the start-up service seeds the store and starts the projections. */
  async onModuleInit(): Promise<void> {
    this.seen = await storeHead(this.store);
    this.subscription = this.store.subscribe({ ...this.streams, fromPosition: this.seen }, (event) => this.observe(event));
    this.subscription.closed.catch((error: unknown) => this.logger.error(`node feed stopped: ${String(error)}`));
    this.logger.log(`node feed follows the store from position ${this.seen}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.subscription?.stop();
  }

  /** The last position of the product's streams this node has received (or the store's head when it started). */
  get position(): number {
    return this.seen;
  }

  /** When the last event this node received was recorded (undefined: none since it started). */
  get lastEventRecordedAt(): string | undefined {
    return this.lastEventAt;
  }

  /** The highest position P such that every projection of this node has applied everything up to P. */
  appliedPosition(): number {
    let through = this.seen;
    for (const follower of this.followers) {
      const pending = this.pending.get(follower.name)!;
      const applied = follower.appliedPosition();
      const next = pending.firstAfter(applied);
      if (pending.overflowed) {
        if (applied >= this.seen) pending.overflowed = false;
        else through = Math.min(through, applied);
      }
      if (next !== undefined) through = Math.min(through, next - 1);
    }
    return through;
  }

  /** Resolves true once every projection has applied `position` (see the class comment), false after `timeoutMs`. */
  async waitUntilApplied(position: number, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.appliedPosition() < position) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_POLL_MS, Math.max(0, deadline - Date.now()))));
    }
    return true;
  }

  /** How far behind this node is, counting the store's events up to `limit` + 1 (more is "more than the limit"). */
  async lag(limit: number): Promise<FeedLag> {
    const unreceived = await this.store.readAll({ ...this.streams, fromPosition: this.seen, maxCount: limit + 1 });
    const projections: Record<string, number> = {};
    for (const follower of this.followers) {
      const pending = this.pending.get(follower.name)!;
      pending.firstAfter(follower.appliedPosition());
      const ahead = unreceived.filter((event) => follower.matches(event)).length;
      projections[follower.name] = pending.overflowed ? limit + 1 : pending.count + ahead;
    }
    return { feed: unreceived.length, projections };
  }

  /** What the node knows without asking the store: for readiness and stale answers while it is unreachable. */
  localState(): { position: number; appliedPosition: number; lastEventAt: string | undefined; pending: Record<string, number> } {
    const pending: Record<string, number> = {};
    for (const follower of this.followers) {
      const positions = this.pending.get(follower.name)!;
      positions.firstAfter(follower.appliedPosition());
      pending[follower.name] = positions.count;
    }
    return { position: this.seen, appliedPosition: this.appliedPosition(), lastEventAt: this.lastEventAt, pending };
  }

  private observe(event: RecordedEvent): void {
    this.seen = event.position;
    this.lastEventAt = event.recordedAt;
    for (const follower of this.followers) {
      if (follower.matches(event) && event.position > follower.appliedPosition()) this.pending.get(follower.name)!.add(event.position);
    }
  }
}
