import type { Readable } from 'node:stream';
import esdb from '@eventstore/db-client';
import type { AllStreamResolvedEvent, EventStoreDBClient as Client, Filter } from '@eventstore/db-client';
import type { EventHandler, RecordedEvent, SubscribeOptions, Subscription } from '../../event-store.port.js';
import { matchesFilter, normalizeFilter, type NormalizedFilter } from '../../internal/event-filter.js';
import { CaughtUpSignal, closedAfter } from '../../internal/subscription-lifecycle.js';
import { isUnavailable, userEvent, type EsdbEvent } from './eventstoredb-records.js';

const { START, streamNameFilter, eventTypeFilter, excludeSystemEvents } = esdb;

export interface SubscriptionSettings {
  /** Lost subscriptions resubscribe after this delay, doubling up to `max`. */
  resubscribeDelay: { initial: number; max: number };
  toRecorded(event: EsdbEvent): RecordedEvent;
}

/**
 * A catch-up subscription to $all, filtered on the server. When the connection is lost (the
 * server stopped, a leader change, a network cut) it subscribes again after the last position it
 * reached, with a growing delay, until the server answers or `stop()` is called: no event is
 * skipped or delivered twice. Only a failing handler (or a store error that is not about
 * reaching the server) ends it, rejecting `closed`.
 *
 * The position it reached is the last event handled, or a later checkpoint from the server. A
 * filtered subscription gets a checkpoint every checkpointInterval x maxSearchWindow records the
 * server searched (32 with the client's defaults; KurrentDB's Enumerator.AllSubscriptionFiltered),
 * and one as it goes live, through the client's `checkpointReached` callback. That callback runs as
 * the message arrives, while events sent before it may still wait in the stream's buffer, so a
 * checkpoint counts only once those events have been handled: before that it would claim events
 * that were not yet handled, and a resubscription from it would skip them.
 */
export function subscribeToAll(
  client: Client,
  options: SubscribeOptions,
  handler: EventHandler,
  { resubscribeDelay, toRecorded }: SubscriptionSettings,
): Subscription {
  const filter = normalizeFilter(options);
  let checkpoint = options.fromPosition;
  const reached = (position: number): void => {
    if (checkpoint === undefined || position > checkpoint) checkpoint = position;
  };
  let stopped = false;
  let current: ReturnType<Client['subscribeToAll']> | undefined;
  let wakeFromDelay: (() => void) | undefined;
  const caughtUp = new CaughtUpSignal();

  /** One server subscription, until it ends: 'lost' (subscribe again) or 'stopped'. */
  const follow = async (): Promise<'lost' | 'stopped'> => {
    // Messages the client passes on (caught-up, checkpoints) refer to the events it sent before
    // them, some of which may still wait in the stream's buffer: each counts once those are handled.
    const count = { taken: 0, handled: 0 };
    const sentSoFar = (): number => count.taken + grpcSubscription.readableLength;
    let caughtUpAt: number | undefined;
    /** Server checkpoints waiting for the events sent before them: [events sent before it, position]. */
    const pending: Array<[number, number]> = [];
    const settle = (): void => {
      while (pending.length > 0 && pending[0]![0] <= count.handled) reached(pending.shift()![1]);
      if (caughtUpAt !== undefined && count.handled >= caughtUpAt) caughtUp.resolve();
    };
    const grpcSubscription = client.subscribeToAll({
      fromPosition: checkpoint === undefined ? START : { commit: BigInt(checkpoint), prepare: BigInt(checkpoint) },
      filter: serverFilter(filter, (_subscription, position) => {
        pending.push([sentSoFar(), Number(position.commit)]);
        settle();
      }),
    });
    current = grpcSubscription;
    // The server says "caught up" once it has sent every event up to the head.
    grpcSubscription.on('caughtUp', () => {
      caughtUpAt ??= sentSoFar();
      settle();
    });
    try {
      // The client's subscription is a Transform stream (its streams/utils/Subscription.js); its typings list only some events.
      await readEach(grpcSubscription as unknown as Readable, count, async (resolved: AllStreamResolvedEvent) => {
        if (stopped) return false;
        const event = userEvent(resolved);
        if (event && (checkpoint === undefined || event.position > checkpoint) && matchesFilter(filter, event.streamId, event.type)) {
          try {
            await handler(toRecorded(event));
          } catch (error) {
            throw new HandlerFailed(error);
          }
          reached(event.position);
        }
        count.handled++;
        settle();
        return true;
      });
      return stopped ? 'stopped' : 'lost';
    } catch (error) {
      if (error instanceof HandlerFailed) throw error.cause;
      if (stopped) return 'stopped';
      if (!isUnavailable(error)) throw error;
      return 'lost';
    } finally {
      current = undefined;
      await grpcSubscription.unsubscribe().catch(() => undefined);
    }
  };

  const run = async (): Promise<void> => {
    let delay = resubscribeDelay.initial;
    while (!stopped) {
      const startedAt = Date.now();
      if ((await follow()) === 'stopped') return;
      // A subscription that lived a while before it was lost starts over from a short delay.
      if (Date.now() - startedAt > resubscribeDelay.max) delay = resubscribeDelay.initial;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        wakeFromDelay = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wakeFromDelay = undefined;
      delay = Math.min(delay * 2, resubscribeDelay.max);
    }
  };

  const closed = closedAfter(run(), caughtUp, () => {
    stopped = true;
  });

  const subscription: Subscription = {
    caughtUp: caughtUp.promise,
    get position() {
      return checkpoint;
    },
    closed,
    stop: async () => {
      if (!stopped) {
        stopped = true;
        wakeFromDelay?.();
        const grpcSubscription = current;
        if (grpcSubscription) {
          await grpcSubscription.unsubscribe().catch(() => undefined);
          grpcSubscription.destroy();
        }
      }
      await closed.catch(() => undefined);
    },
  };
  return subscription;
}

/**
 * Reads the stream's objects one at a time, waiting for `handle` (which returns false to stop).
 * `count.taken` grows the moment an object leaves the stream's buffer. A for-await loop would not
 * do: its generator hands an object on some microtasks after reading it, while the stream may
 * already be transforming the next messages, so an object could be out of the buffer and not yet
 * counted when a caught-up or checkpoint message arrives (a slow handler showed it).
 */
async function readEach<T>(stream: Readable, count: { taken: number }, handle: (item: T) => Promise<boolean>): Promise<void> {
  // The client emits transport errors on the stream without always destroying it: keep the first.
  let failure: { error: unknown } | undefined;
  const onError = (error: unknown): void => void (failure ??= { error });
  stream.on('error', onError);
  try {
    for (;;) {
      if (failure) throw failure.error;
      const item = stream.read() as T | null;
      if (item !== null) {
        count.taken++;
        if (!(await handle(item))) return;
        continue;
      }
      if (stream.readableEnded || stream.destroyed) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          for (const event of ['readable', 'end', 'error', 'close']) stream.off(event, done);
          resolve();
        };
        for (const event of ['readable', 'end', 'error', 'close']) stream.on(event, done);
      });
    }
  } finally {
    stream.off('error', onError);
  }
}

/** A handler's own failure, told apart from the subscription's transport errors. */
class HandlerFailed {
  constructor(readonly cause: unknown) {}
}

/**
 * The server-side part of the filter (one of them: EventStoreDB filters on streams or types); the
 * rest is applied here. `checkpointReached` gets the server's checkpoints, at the client's default
 * interval.
 */
function serverFilter(filter: NormalizedFilter, checkpointReached: Filter['checkpointReached']): Filter {
  if (filter.prefixes) return streamNameFilter({ prefixes: filter.prefixes, checkpointReached });
  if (filter.types) return eventTypeFilter({ regex: `^(?:${[...filter.types].map(escapeRegex).join('|')})$`, checkpointReached });
  return excludeSystemEvents({ checkpointReached });
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
