import type { AppendResult, EventStore, ExpectedRevision, NewEvent, RecordedEvent } from './event-store.port.js';

// The port's types are part of its contract: these lines must keep failing to compile.
describe('the EventStore port types', () => {
  it('accepts only revisions and the named expectations', () => {
    const ok: ExpectedRevision[] = [0, 7, 'no_stream', 'any', 'stream_exists'];
    // @ts-expect-error 'latest' is not an expected revision
    const latest: ExpectedRevision = 'latest';
    expect(ok).toHaveLength(5);
    expect(latest).toBe('latest');
  });

  it('requires an id and a type on every new event, and keeps recorded events read-only in shape', () => {
    // @ts-expect-error an event without an id cannot be appended idempotently
    const missingId: NewEvent = { type: 'RuleAdded', data: {} };
    const recorded: Pick<RecordedEvent, 'position' | 'recordedAt'> = { position: 1, recordedAt: '2025-01-01T00:00:00.000Z' };
    // @ts-expect-error positions are numbers, never bigint
    const bigPosition: AppendResult = { nextRevision: 0, position: 1n };
    expect([missingId, recorded, bigPosition]).toHaveLength(3);
  });

  it('returns promises from every store operation but subscribe', () => {
    type Async<K extends keyof EventStore> = ReturnType<NonNullable<EventStore[K]>> extends Promise<unknown> ? true : false;
    const checks: [Async<'append'>, Async<'readStream'>, Async<'readAll'>, Async<'verify'>, Async<'writable'>, Async<'close'>, Async<'subscribe'>] = [
      true,
      true,
      true,
      true,
      true,
      true,
      false,
    ];
    expect(checks).toEqual([true, true, true, true, true, true, false]);
  });
});
