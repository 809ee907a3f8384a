import esdb from '@eventstore/db-client';
import { randomUUID } from 'node:crypto';
import { EventStoreDbStandIn } from './event-store-db-stand-in.js';

const { EventStoreDBClient, jsonEvent, WrongExpectedVersionError, NO_STREAM, ANY } = esdb;

// Holds the stand-in to the wire behaviour the real client expects of EventStoreDB.
describe('EventStoreDB stand-in (not EventStoreDB), through the real client', () => {
  const standIn = new EventStoreDbStandIn();
  let client: InstanceType<typeof EventStoreDBClient>;

  beforeAll(async () => {
    await standIn.start();
    client = EventStoreDBClient.connectionString(standIn.connectionString);
  });

  afterAll(async () => {
    await client.dispose();
    await standIn.stop();
  });

  const event = () => jsonEvent({ id: randomUUID(), type: 'Tested', data: { at: Date.now() } });

  it('advertises BatchAppend, so the client appends through it', async () => {
    const supports = (client as unknown as { supports: (method: { path: string }) => Promise<boolean> }).supports;
    await expect(supports({ path: '/event_store.client.streams.Streams/BatchAppend' })).resolves.toBe(true);
  });

  it('returns WrongExpectedVersion on BatchAppend as the client expects it', async () => {
    const stream = `batch-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM });
    const error = await client.appendToStream(stream, [event()], { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
  });

  it('returns WrongExpectedVersion on Append (used when a call carries credentials)', async () => {
    const stream = `append-${randomUUID()}`;
    const credentials = { username: 'admin', password: 'changeit' };
    await client.appendToStream(stream, [event()], { expectedRevision: NO_STREAM, credentials });
    const error = await client.appendToStream(stream, [event()], { expectedRevision: NO_STREAM, credentials }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 'no_stream', actualVersion: 0n });
  });

  it('answers an idempotent re-append with the original revision and position', async () => {
    const stream = `idem-${randomUUID()}`;
    const batch = [event(), event()];
    const first = await client.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
    const again = await client.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
    const anyAgain = await client.appendToStream(stream, batch, { expectedRevision: ANY });
    expect(again).toEqual(first);
    expect(anyAgain).toEqual(first);
  });

  it('reports the position of the last event of an append, as $all reads it', async () => {
    const stream = `pos-${randomUUID()}`;
    const result = await client.appendToStream(stream, [event(), event(), event()], { expectedRevision: NO_STREAM });
    const read = [];
    for await (const resolved of client.readStream(stream)) read.push(resolved.event!);
    expect(result.position?.commit).toBe(read[2]!.position!.commit);
    expect(read[1]!.position!.commit).toBeGreaterThan(read[0]!.position!.commit);
  });

  it('keeps a system event at the start of $all, as EventStoreDB does', async () => {
    const first = [];
    for await (const resolved of client.readAll({ maxCount: 1 })) first.push(resolved.event!);
    expect(first[0]!.type.startsWith('$')).toBe(true);
  });
});
