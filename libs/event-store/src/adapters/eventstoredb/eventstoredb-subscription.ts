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
 * server stopped, a leader change, a network cut) it subscribes again after the last event it
 * handled, with a growing delay, until the server answers or `stop()` is called: no event is
 * skipped or delivered twice. Only a failing handler (or a store error that is not about
 * reaching the server) ends it, rejecting `closed`.
 */
export function subscribeToAll(
  client: Client,
  options: SubscribeOptions,
  handler: EventHandler,
  { resubscribeDelay, toRecorded }: SubscriptionSettings,
): Subscription {
  const filter = normalizeFilter(options);
  let checkpoint = options.fromPosition;
  let stopped = false;
  let current: ReturnType<Client['subscribeToAll']> | undefined;
  let wakeFromDelay: (() => void) | undefined;
  const caughtUp = new CaughtUpSignal();

  /** One server subscription, until it ends: 'lost' (subscribe again) or 'stopped'. */
  const follow = async (): Promise<'lost' | 'stopped'> => {
    const grpcSubscription = client.subscribeToAll({
      fromPosition: checkpoint === undefined ? START : { commit: BigInt(checkpoint), prepare: BigInt(checkpoint) },
      filter: serverFilter(filter),
    });
    current = grpcSubscription;
    let handled = 0;
    let inHandler = false;
    let caughtUpAt: number | undefined;
    const settleCaughtUp = (): void => {
      if (caughtUpAt !== undefined && handled >= caughtUpAt) caughtUp.resolve();
    };
    // The server says "caught up" once it has sent every event up to the head; some of them may
    // still wait in the stream's buffer, so the promise resolves when those have been handled.
    grpcSubscription.on('caughtUp', () => {
      if (caughtUpAt === undefined) {
        caughtUpAt = handled + (inHandler ? 1 : 0) + grpcSubscription.readableLength;
        settleCaughtUp();
      }
    });
    try {
      for await (const resolved of grpcSubscription as AsyncIterable<AllStreamResolvedEvent>) {
        if (stopped) return 'stopped';
        const event = userEvent(resolved);
        if (event && (checkpoint === undefined || event.position > checkpoint) && matchesFilter(filter, event.streamId, event.type)) {
          inHandler = true;
          try {
            await handler(toRecorded(event));
          } catch (error) {
            throw new HandlerFailed(error);
          }
          inHandler = false;
          checkpoint = event.position;
        }
        handled++;
        settleCaughtUp();
      }
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

/** A handler's own failure, told apart from the subscription's transport errors. */
class HandlerFailed {
  constructor(readonly cause: unknown) {}
}

/** The server-side part of the filter (one of them: EventStoreDB filters on streams or types); the rest is applied here. */
function serverFilter(filter: NormalizedFilter): Filter {
  if (filter.prefixes) return streamNameFilter({ prefixes: filter.prefixes });
  if (filter.types) return eventTypeFilter({ regex: `^(?:${[...filter.types].map(escapeRegex).join('|')})$` });
  return excludeSystemEvents();
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
