import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { EventEmitter, on } from 'node:events';

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

  async *listen<T>(topic: string, accept: (payload: T) => boolean = () => true): AsyncGenerator<T> {
    try {
      for await (const [payload] of on(this.emitter, topic, { signal: this.closing.signal })) {
        if (accept(payload as T)) yield payload as T;
      }
    } catch (error) {
      if ((error as Error).name !== 'AbortError') throw error;
    }
  }

  onApplicationShutdown(): void {
    this.closing.abort();
  }
}
