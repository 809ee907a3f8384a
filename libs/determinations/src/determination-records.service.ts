import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE } from '#api-kit';
import { DETERMINATION_ISSUED, determinationStream, DomainError, type DeterminationIssued } from '#domain';
import type { EventStore } from '#event-store';

/** Reads an issued determination from its own stream: authoritative, and current right after the write. */
@Injectable()
export class DeterminationRecords {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async find(id: string): Promise<{ data: DeterminationIssued; position: number } | null> {
    const [event] = await this.store.readStream(determinationStream(id), { maxCount: 1 });
    if (!event || event.type !== DETERMINATION_ISSUED) return null;
    return { data: event.data as DeterminationIssued, position: event.position };
  }

  async get(id: string): Promise<{ data: DeterminationIssued; position: number }> {
    const found = await this.find(id);
    if (!found) throw new DomainError('NOT_FOUND', `No determination '${id}'.`, { id });
    return found;
  }
}
