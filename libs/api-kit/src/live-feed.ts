import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter, on } from 'node:events';
import { DomainError, InvalidInputError } from '#domain';
import type { EventFilter, EventStore, RecordedEvent } from '#event-store';

/** A page of a subscription's history: its payloads in position order, and how far the log was read. */
export interface HistoryPage<T> {
  payloads: T[];
  /** Every position up to this one has been read (matching or not). */
  readTo: number;
  /** The page reached the head of the log as it was when read. */
  atHead: boolean;
}

export interface ResumeOptions<T> {
  /** Deliver what comes strictly after this commit position. */
  since: number;
  /** The history after a position, a page at a time (storeHistory reads it from the store). */
  history: (after: number) => Promise<HistoryPage<T>>;
  position: (payload: T) => number;
  accept?: (payload: T) => boolean;
}

/** Live payloads held while a resuming subscriber reads its history; past this it must resubscribe. */
const MAX_HELD = 10_000;
const HISTORY_PAGE = 500;

/**
 * Fans events from the store's feed out to GraphQL subscriptions. Subscribers get an async
 * iterator (what graphql-js subscriptions consume); shutting down ends every iterator.
 */
@Injectable()
export class LiveFeed implements OnApplicationShutdown {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  private readonly closing = new AbortController();

  publish<T>(topic: string, payload: T): void {
    this.emitter.emit(topic, payload);
  }

  /** Whether anyone listens on `topic` now: a publisher can skip building payloads nobody reads (a catching-up node). */
  listening(topic: string): boolean {
    return this.emitter.listenerCount(topic) > 0;
  }

  async *listen<T>(topic: string, accept: (payload: T) => boolean = () => true): AsyncGenerator<T> {
    try {
      for await (const [payload] of on(this.emitter, topic, { signal: this.closing.signal })) {
        if (accept(payload as T)) yield payload as T;
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  /**
   * Everything after `since` (read from the store), then live, with no gap and no duplicate. The
   * live listener is attached before the history is read, so an event is either in the history
   * (it was stored before the read) or published afterwards; live payloads at or before the last
   * position delivered are dropped (the history may have read further than the projections had
   * published).
   */
  async *resume<T>(topic: string, options: ResumeOptions<T>): AsyncGenerator<T> {
    const accept = options.accept ?? (() => true);
    const held: T[] = [];
    let overflowed = false;
    let wake: (() => void) | undefined;
    const listener = (payload: T): void => {
      if (held.length >= MAX_HELD) overflowed = true;
      else held.push(payload);
      wake?.();
    };
    const stop = (): void => wake?.();
    this.emitter.on(topic, listener);
    this.closing.signal.addEventListener('abort', stop);
    let last = options.since;
    try {
      for (let atHead = false; !atHead && !this.closing.signal.aborted;) {
        const page = await options.history(last);
        for (const payload of page.payloads) {
          last = options.position(payload);
          if (accept(payload)) yield payload;
        }
        last = Math.max(last, page.readTo);
        atHead = page.atHead;
      }
      while (!this.closing.signal.aborted) {
        if (overflowed) {
          throw new DomainError('CONFLICT', `This subscriber fell more than ${MAX_HELD} events behind: subscribe again with since: ${last}`, {
            reason: 'SUBSCRIBER_BEHIND',
            since: last,
            retryable: true,
          });
        }
        const payload = held.shift();
        if (payload === undefined) {
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          continue;
        }
        if (options.position(payload) <= last) continue;
        last = options.position(payload);
        if (accept(payload)) yield payload;
      }
    } finally {
      this.emitter.off(topic, listener);
      this.closing.signal.removeEventListener('abort', stop);
    }
  }

  onApplicationShutdown(): void {
    this.closing.abort();
  }
}

/** A subscription's history from the store: the events `filter` selects after a position, mapped to payloads. */
export function storeHistory<T>(store: EventStore, filter: EventFilter, toPayloads: (event: RecordedEvent) => Promise<T[]> | T[]) {
  return async (after: number): Promise<HistoryPage<T>> => {
    const events = await store.readAll({ ...filter, fromPosition: after, maxCount: HISTORY_PAGE });
    const payloads: T[] = [];
    for (const event of events) payloads.push(...(await toPayloads(event)));
    return { payloads, readTo: events.at(-1)?.position ?? after, atHead: events.length < HISTORY_PAGE };
  };
}

/** Checks a subscription's `since` argument: a commit position (a whole number >= 0). */
export function sinceArgument(since: number | null | undefined): number | undefined {
  if (since === undefined || since === null) return undefined;
  if (!Number.isSafeInteger(since) || since < 0) {
    throw new InvalidInputError(`since: must be a commit position (a whole number >= 0), got ${since}`, 'since');
  }
  return since;
}
