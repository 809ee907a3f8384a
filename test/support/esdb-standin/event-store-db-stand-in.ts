/**
 * A stand-in for EventStoreDB for tests; it is not EventStoreDB.
 *
 * An in-process gRPC server (@grpc/grpc-js) that serves the parts of EventStoreDB's gRPC API our
 * adapter uses, built from the service definitions and message classes that
 * @eventstore/db-client ships in its `generated/` folder, so the real client talks to it over
 * real HTTP/2 with real protobuf messages:
 * - Streams: Read (a stream, $all, and catch-up subscriptions to $all with stream-name or
 *   event-type filters), Append, BatchAppend. Wrong expected revisions come back as the real
 *   wire errors (AppendResp.wrong_expected_version; for BatchAppend a google.rpc.Status with code
 *   ALREADY_EXISTS and an event_store.client.WrongExpectedVersion detail), which the client maps
 *   to WrongExpectedVersionError. Idempotent re-appends behave as EventStoreDB documents them.
 * - ServerFeatures (advertises BatchAppend, so the client uses it as with a real 21.10+ server)
 *   and Gossip (one leader: itself, so cluster connection strings work).
 * Events live in memory. Positions are log offsets that grow by each event's size, like
 * EventStoreDB's, and the log starts with a system event, so clients must skip `$` events.
 * With a `journal` file every commit is also written there before it is acknowledged, and a
 * stand-in started on an existing journal loads it: a stand-in process killed and started again
 * on the same journal keeps every acknowledged write, as EventStoreDB keeps its log.
 * Failures a test can ask for (not EventStoreDB's own, reproduced from its documented answers):
 * `failNextAppend` (a write timeout where the write may or may not have happened, see
 * append-faults.ts) and `crash` (the server goes away with calls in flight; `start` brings it
 * back on the same port with the same log).
 * Not served: Delete, Tombstone, stream subscriptions, persistent subscriptions, projections,
 * users, operations, authentication, TLS.
 */
import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import { TcpFront } from './tcp-front.js';
import { CheckpointCadence, checkpointInterval } from './checkpoints.js';
import { DEFAULT_WRITE_TIMEOUT_MS, writeTimeout, type AppendFault, type AppendFaultOptions, type ArmedFault } from './append-faults.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;
type ProposedMessage = InstanceType<typeof streamsPb.AppendReq.ProposedMessage> | InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;

const { ReadReq: ReadReqClass } = streamsPb;
const StreamOptionCase = ReadReqClass.Options.StreamOptionCase;
const CountOptionCase = ReadReqClass.Options.CountOptionCase;
const RevisionOptionCase = ReadReqClass.Options.StreamOptions.RevisionOptionCase;
const AllOptionCase = ReadReqClass.Options.AllOptions.AllOptionCase;
const FilterCase = ReadReqClass.Options.FilterOptions.FilterCase;

/** EventStoreDB's default MaxAppendSize (bytes of data, metadata and type per append). */
const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;
/** grpc status ALREADY_EXISTS, which EventStoreDB uses for WrongExpectedVersion. */
const ALREADY_EXISTS = 6;
/** grpc status DEADLINE_EXCEEDED, which EventStoreDB's Status.Timeout carries. */
const DEADLINE_EXCEEDED = 4;
const INVALID_ARGUMENT = 3;

interface StoredEvent {
  id: string;
  stream: string;
  revision: number;
  type: string;
  contentType: string;
  data: Uint8Array;
  customMetadata: Uint8Array;
  /** 100 ns ticks since the Unix epoch, as EventStoreDB sends `created`. */
  created: bigint;
  position: number;
}

/** expected: -1 no stream, -2 any, -4 stream exists (EventStoreDB's internal numbers), else a revision. */
const NO_STREAM = -1;
const ANY = -2;
const STREAM_EXISTS = -4;

type AppendOutcome =
  | { kind: 'success'; revision: number; position: number }
  | { kind: 'wrong-expected-version'; current: number; expected: number }
  | { kind: 'too-large'; maxAppendSize: number };

interface LiveSubscriber {
  deliver(events: StoredEvent[]): void;
}

export interface EventStoreDbStandInOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  maxAppendSize?: number;
  /** A file that keeps the log across restarts (see the class comment); none: memory only. */
  journal?: string;
  /**
   * Where a new log starts (default 0). A large value stands for a store that has run for a long
   * time: a real EventStoreDB's commit positions pass 2^31 once its log passes 2 GB.
   */
  firstPosition?: number;
  /** The clock for `created`, in epoch milliseconds (tests comparing two stores give both the same one). */
  now?: () => number;
  /** The server's write timeout (EventStoreDB's WriteTimeoutMs, default 2000 ms); bounds how long a faulty append waits before its Timeout answer. */
  writeTimeoutMs?: number;
  /**
   * Listens through a TCP relay (tcp-front.ts) so that `crash` can drop connections as a killed
   * process does. Off by default: the relay costs a hop per byte, which benchmarks and tests that
   * never crash the stand-in should not pay.
   */
  crashable?: boolean;
}

/** What `seed` takes: an event as an append would carry it. */
export interface SeedEvent {
  stream: string;
  id: string;
  type: string;
  /** JSON bytes. */
  data: Uint8Array;
  /** JSON bytes. */
  metadata: Uint8Array;
}

export class EventStoreDbStandIn {
  private server: grpc.Server | undefined;
  private readonly front: TcpFront | undefined;
  private readonly events: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly live = new Set<LiveSubscriber>();
  private readonly maxAppendSize: number;
  private nextPosition = 0;
  private lastCreated = 0n;
  private boundPort = 0;
  private readonly host: string;
  private readonly requestedPort: number;
  private journal: number | undefined;
  private readonly now: () => number;
  private readonly journalFile: string | undefined;
  private readonly writeTimeoutMs: number;
  private readonly faults = new Map<string, ArmedFault>();
  /** Timers of faulty appends still to answer or commit: a server that goes away does neither. */
  private readonly pendingFaults = new Set<NodeJS.Timeout>();
  /** Where each $all subscription asked to start (after this position; -1: the start): lets tests see where a client resubscribed. */
  readonly subscriptionStarts: number[] = [];
  /** How many stream reads it has served: lets tests see how many round trips a write costs. */
  streamReads = 0;

  constructor(options: EventStoreDbStandInOptions = {}) {
    this.host = options.host ?? '127.0.0.1';
    this.requestedPort = options.port ?? 0;
    this.maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
    this.nextPosition = options.firstPosition ?? 0;
    this.now = options.now ?? Date.now;
    this.journalFile = options.journal;
    this.writeTimeoutMs = options.writeTimeoutMs ?? DEFAULT_WRITE_TIMEOUT_MS;
    this.front = options.crashable ? new TcpFront() : undefined;
    if (options.journal !== undefined && existsSync(options.journal)) this.loadJournal(options.journal);
    if (options.journal !== undefined) this.journal = openSync(options.journal, 'a');
    // EventStoreDB's log never starts empty; neither does this one.
    if (this.events.length === 0) {
      this.commit('$stand-in', [
        { id: randomUUID(), type: '$stand-in-started', contentType: 'application/json', data: Buffer.from('{}'), customMetadata: new Uint8Array() },
      ]);
    }
  }

  /** A gRPC server with the served services; a new one at every start (a shut-down grpc-js server cannot listen again). */
  private newServer(): grpc.Server {
    const server = new grpc.Server({ 'grpc.max_receive_message_length': 17 * 1024 * 1024 });
    server.addService(streamsGrpc.StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => this.append(call, callback),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>) => this.batchAppend(call),
      delete: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(unimplemented('Delete')),
      tombstone: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback(unimplemented('Tombstone')),
    });
    server.addService(serverFeaturesGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<InstanceType<typeof serverFeaturesPb.SupportedMethods>>) =>
        callback(null, this.supportedMethods()),
    });
    server.addService(gossipGrpc.GossipService, {
      read: (_call: unknown, callback: grpc.sendUnaryData<InstanceType<typeof gossipPb.ClusterInfo>>) => callback(null, this.clusterInfo()),
    });
    return server;
  }

  /** Starts listening; resolves with the port. Started again after `stop` or `crash`, it listens on the same port with the same log. */
  async start(): Promise<number> {
    const server = this.newServer();
    const port = this.boundPort || this.requestedPort;
    const grpcPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${this.host}:${this.front ? 0 : port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.boundPort = this.front ? await this.front.listen(this.host, port, grpcPort) : grpcPort;
    this.server = server;
    if (this.journal === undefined && this.journalFile !== undefined) this.journal = openSync(this.journalFile, 'a');
    return this.boundPort;
  }

  get port(): number {
    return this.boundPort;
  }

  /** `esdb://host:port?tls=false` for the client. */
  get connectionString(): string {
    return `esdb://${this.host}:${this.boundPort}?tls=false`;
  }

  /** How many events the log holds, system events included. */
  get eventCount(): number {
    return this.events.length;
  }

  /** Stops serving; open calls (live subscriptions) get a second to end, then are cut. */
  async stop(): Promise<void> {
    const server = this.goAway();
    if (server) {
      await Promise.race([
        new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
        new Promise<void>((resolve) => setTimeout(resolve, 1000).unref()),
      ]);
      server.forceShutdown();
    }
    await this.front?.drop();
  }

  /**
   * Goes away as a killed EventStoreDB process does: its connections drop at once, so every call
   * in flight (appends awaiting an answer, live subscriptions) fails on the client with UNAVAILABLE,
   * and nothing pending is answered or committed. What was committed stays: `start` serves it again.
   */
  async crash(): Promise<void> {
    if (!this.front) throw new Error('crash() needs a stand-in made with { crashable: true }.');
    const server = this.goAway();
    await this.front.drop();
    server?.forceShutdown();
  }

  /**
   * The next append to `stream` fails as a write can fail on a real server (see append-faults.ts).
   * Only the BatchAppend path (what the client uses with this stand-in) takes faults.
   */
  failNextAppend(stream: string, fault: AppendFault, options: AppendFaultOptions = {}): void {
    this.faults.set(stream, { fault, lateMs: options.lateMs ?? 50 });
  }

  /** Forgets live subscribers and pending faulty appends, closes the journal; returns the server to shut down. */
  private goAway(): grpc.Server | undefined {
    const server = this.server;
    this.server = undefined;
    this.live.clear();
    for (const timer of this.pendingFaults) clearTimeout(timer);
    this.pendingFaults.clear();
    if (this.journal !== undefined) closeSync(this.journal);
    this.journal = undefined;
    return server;
  }

  /**
   * Loads test data fast: commits the events in order as appends with expected revision 'any'
   * would (no idempotency check), without the gRPC round trips. For benchmarks that need a big
   * log; the adapter's own appends are what the tests exercise.
   */
  seed(events: readonly SeedEvent[]): void {
    for (const e of events) {
      this.commit(e.stream, [{ id: e.id, type: e.type, contentType: 'application/json', data: e.data, customMetadata: e.metadata }]);
    }
  }

  // ---- Streams.Append (client streaming) ----

  private append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    let options: InstanceType<typeof streamsPb.AppendReq.Options> | undefined;
    const proposed: ProposedMessage[] = [];
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      else if (request.hasProposedMessage()) proposed.push(request.getProposedMessage()!);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (!options) return callback({ code: INVALID_ARGUMENT, details: 'The first AppendReq must carry options.' });
      const stream = streamName(options.getStreamIdentifier());
      const Case = streamsPb.AppendReq.Options.ExpectedStreamRevisionCase;
      const expected =
        options.getExpectedStreamRevisionCase() === Case.REVISION
          ? Number(options.getRevision())
          : options.getExpectedStreamRevisionCase() === Case.NO_STREAM
            ? NO_STREAM
            : options.getExpectedStreamRevisionCase() === Case.STREAM_EXISTS
              ? STREAM_EXISTS
              : ANY;
      const outcome = this.tryAppend(stream, expected, proposed);
      const response = new streamsPb.AppendResp();
      if (outcome.kind === 'too-large') {
        const metadata = new grpc.Metadata();
        metadata.set('exception', 'maximum-append-size-exceeded');
        metadata.set('maximum-append-size', String(outcome.maxAppendSize));
        return callback({ code: INVALID_ARGUMENT, details: `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`, metadata });
      }
      if (outcome.kind === 'success') {
        const success = new streamsPb.AppendResp.Success();
        success.setCurrentRevision(String(outcome.revision));
        const position = new streamsPb.AppendResp.Position();
        position.setCommitPosition(String(outcome.position));
        position.setPreparePosition(String(outcome.position));
        success.setPosition(position);
        response.setSuccess(success);
      } else {
        const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
        if (outcome.current === NO_STREAM) wrong.setCurrentNoStream(new sharedPb.Empty());
        else wrong.setCurrentRevision(String(outcome.current));
        if (outcome.expected === ANY) wrong.setExpectedAny(new sharedPb.Empty());
        else if (outcome.expected === STREAM_EXISTS) wrong.setExpectedStreamExists(new sharedPb.Empty());
        else if (outcome.expected === NO_STREAM) wrong.setExpectedNoStream(new sharedPb.Empty());
        else wrong.setExpectedRevision(String(outcome.expected));
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  }

  // ---- Streams.BatchAppend (bidirectional; requests interleave by correlation id) ----

  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>): void {
    const pending = new Map<string, { options: InstanceType<typeof streamsPb.BatchAppendReq.Options>; proposed: ProposedMessage[] }>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId();
      const key = correlationId ? uuidText(correlationId) : '';
      if (request.hasOptions()) pending.set(key, { options: request.getOptions()!, proposed: [] });
      const entry = pending.get(key);
      if (!entry) return;
      entry.proposed.push(...request.getProposedMessagesList());
      if (!request.getIsFinal()) return;
      pending.delete(key);
      const stream = streamName(entry.options.getStreamIdentifier());
      const Case = streamsPb.BatchAppendReq.Options.ExpectedStreamPositionCase;
      const expected =
        entry.options.getExpectedStreamPositionCase() === Case.STREAM_POSITION
          ? Number(entry.options.getStreamPosition())
          : entry.options.getExpectedStreamPositionCase() === Case.NO_STREAM
            ? NO_STREAM
            : entry.options.getExpectedStreamPositionCase() === Case.STREAM_EXISTS
              ? STREAM_EXISTS
              : ANY;
      const fault = this.faults.get(stream);
      if (fault) {
        this.faults.delete(stream);
        const deadline = entry.options.hasDeadline() ? entry.options.getDeadline()!.toDate() : undefined;
        return this.answerFaultily(
          fault,
          writeTimeout(deadline, this.writeTimeoutMs),
          () => this.tryAppend(stream, expected, entry.proposed),
          () => {
            const response = new streamsPb.BatchAppendResp();
            response.setCorrelationId(correlationId);
            response.setStreamIdentifier(entry.options.getStreamIdentifier());
            response.setError(rpcStatus(DEADLINE_EXCEEDED, 'Timeout', new sharedPb.Timeout().serializeBinary(), 'event_store.client.Timeout'));
            call.write(response);
          },
        );
      }
      const outcome = this.tryAppend(stream, expected, entry.proposed);
      const response = new streamsPb.BatchAppendResp();
      response.setCorrelationId(correlationId);
      response.setStreamIdentifier(entry.options.getStreamIdentifier());
      if (outcome.kind === 'success') {
        const success = new streamsPb.BatchAppendResp.Success();
        success.setCurrentRevision(String(outcome.revision));
        const position = new sharedPb.AllStreamPosition();
        position.setCommitPosition(String(outcome.position));
        position.setPreparePosition(String(outcome.position));
        success.setPosition(position);
        response.setSuccess(success);
      } else if (outcome.kind === 'wrong-expected-version') {
        const detail = new sharedPb.WrongExpectedVersion();
        if (outcome.current === NO_STREAM) detail.setCurrentNoStream(new emptyPb.Empty());
        else detail.setCurrentStreamRevision(String(outcome.current));
        if (outcome.expected === ANY) detail.setExpectedAny(new emptyPb.Empty());
        else if (outcome.expected === STREAM_EXISTS) detail.setExpectedStreamExists(new emptyPb.Empty());
        else if (outcome.expected === NO_STREAM) detail.setExpectedNoStream(new emptyPb.Empty());
        else detail.setExpectedStreamPosition(String(outcome.expected));
        response.setError(rpcStatus(ALREADY_EXISTS, 'WrongExpectedVersion', detail.serializeBinary(), 'event_store.client.WrongExpectedVersion'));
      } else {
        const detail = new sharedPb.MaximumAppendSizeExceeded();
        detail.setMaxappendsize(outcome.maxAppendSize);
        response.setError(rpcStatus(INVALID_ARGUMENT, 'MaximumAppendSizeExceeded', detail.serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded'));
      }
      call.write(response);
    });
    call.on('error', () => undefined);
    call.on('end', () => call.end());
  }

  /** Plays an armed fault: commits (or not) and answers Timeout when the write's time is up (or never). */
  private answerFaultily({ fault, lateMs }: ArmedFault, timeoutMs: number, apply: () => void, answerTimeout: () => void): void {
    const later = (ms: number, work: () => void): void => {
      const timer = setTimeout(() => {
        this.pendingFaults.delete(timer);
        work();
      }, ms);
      this.pendingFaults.add(timer);
    };
    if (fault === 'no-answer') return;
    if (fault === 'applied-then-timeout') apply();
    later(timeoutMs, () => {
      answerTimeout();
      if (fault === 'applied-after-timeout') later(lateMs, apply);
    });
  }

  /** EventStoreDB's write check: expected revision, then idempotency by event id, then the commit. */
  private tryAppend(stream: string, expected: number, proposed: ProposedMessage[]): AppendOutcome {
    const incoming = proposed.map((message) => {
      const metadata = message.getMetadataMap();
      return {
        id: uuidText(message.getId()!),
        type: metadata.get('type') as string,
        contentType: (metadata.get('content-type') as string | undefined) ?? 'application/octet-stream',
        data: message.getData_asU8(),
        customMetadata: message.getCustomMetadata_asU8(),
      };
    });
    const size = incoming.reduce((sum, e) => sum + e.data.length + e.customMetadata.length + Buffer.byteLength(e.type) * 2, 0);
    if (size > this.maxAppendSize) return { kind: 'too-large', maxAppendSize: this.maxAppendSize };
    const existing = this.streams.get(stream) ?? [];
    const current = existing.length - 1;
    const idempotent = (from: number): AppendOutcome | undefined => {
      if (incoming.length === 0 || from < 0 || from + incoming.length > existing.length) return undefined;
      for (let i = 0; i < incoming.length; i++) if (existing[from + i]!.id !== incoming[i]!.id) return undefined;
      const last = existing[from + incoming.length - 1]!;
      return { kind: 'success', revision: last.revision, position: last.position };
    };
    if (expected === ANY) {
      const first = incoming.length > 0 ? existing.findIndex((e) => e.id === incoming[0]!.id) : -1;
      const replay = first >= 0 ? idempotent(first) : undefined;
      if (replay) return replay;
    } else if (expected === STREAM_EXISTS) {
      if (current < 0) return { kind: 'wrong-expected-version', current, expected };
    } else if (expected !== current) {
      const replay = expected < current ? idempotent(expected + 1) : undefined;
      return replay ?? { kind: 'wrong-expected-version', current, expected };
    }
    if (incoming.length === 0) return { kind: 'success', revision: current, position: existing[current]?.position ?? 0 };
    const committed = this.commit(stream, incoming);
    const last = committed[committed.length - 1]!;
    return { kind: 'success', revision: last.revision, position: last.position };
  }

  private commit(stream: string, incoming: Omit<StoredEvent, 'stream' | 'revision' | 'created' | 'position'>[]): StoredEvent[] {
    let rows = this.streams.get(stream);
    if (!rows) this.streams.set(stream, (rows = []));
    const now = BigInt(this.now()) * 10_000n;
    const created = now > this.lastCreated ? now : this.lastCreated;
    this.lastCreated = created;
    const committed: StoredEvent[] = [];
    for (const e of incoming) {
      const stored: StoredEvent = { ...e, stream, revision: rows.length, created, position: this.nextPosition };
      // Like a log offset: the next record starts after this one's bytes.
      this.nextPosition += 128 + e.data.length + e.customMetadata.length + Buffer.byteLength(stream) + Buffer.byteLength(e.type);
      rows.push(stored);
      this.events.push(stored);
      committed.push(stored);
    }
    if (this.journal !== undefined) writeSync(this.journal, Buffer.concat(committed.map(journalRecord)));
    for (const subscriber of this.live) subscriber.deliver(committed);
    return committed;
  }

  /** Replays a journal into memory: the same streams, revisions, positions and timestamps. */
  private loadJournal(file: string): void {
    const fd = openSync(file, 'r');
    let valid = 0;
    try {
      const chunkSize = 64 * 1024 * 1024;
      let pending = Buffer.alloc(0);
      for (;;) {
        const chunk = Buffer.allocUnsafe(chunkSize);
        const read = readSync(fd, chunk, 0, chunkSize, null);
        if (read === 0) break;
        let buffer = pending.length > 0 ? Buffer.concat([pending, chunk.subarray(0, read)]) : chunk.subarray(0, read);
        let offset = 0;
        while (buffer.length - offset >= JOURNAL_HEADER) {
          const headerLength = buffer.readUInt32LE(offset);
          const dataLength = buffer.readUInt32LE(offset + 4);
          const metadataLength = buffer.readUInt32LE(offset + 8);
          const end = offset + JOURNAL_HEADER + headerLength + dataLength + metadataLength;
          if (end > buffer.length) break;
          const start = offset + JOURNAL_HEADER;
          const header = JSON.parse(buffer.toString('utf8', start, start + headerLength)) as JournalHeader;
          let rows = this.streams.get(header.stream);
          if (!rows) this.streams.set(header.stream, (rows = []));
          const stored: StoredEvent = {
            id: header.id,
            stream: header.stream,
            revision: rows.length,
            type: header.type,
            contentType: header.contentType,
            data: buffer.subarray(start + headerLength, start + headerLength + dataLength),
            customMetadata: buffer.subarray(start + headerLength + dataLength, end),
            created: BigInt(header.created),
            position: header.position,
          };
          rows.push(stored);
          this.events.push(stored);
          this.lastCreated = stored.created;
          this.nextPosition = header.next;
          valid += end - offset;
          offset = end;
        }
        // A record cut short by a crash mid-write was never acknowledged: it is dropped.
        pending = buffer.subarray(offset);
        buffer = Buffer.alloc(0);
      }
    } finally {
      closeSync(fd);
    }
    truncateSync(file, valid);
  }

  // ---- Streams.Read: streams, $all, and catch-up subscriptions to $all ----

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) return void call.emit('error', invalid('ReadReq needs options.'));
    const forwards = options.getReadDirection() === ReadReqClass.Options.ReadDirection.FORWARDS;
    const isSubscription = options.getCountOptionCase() === CountOptionCase.SUBSCRIPTION;
    const count = options.getCountOptionCase() === CountOptionCase.COUNT ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const matches = eventFilter(options);

    if (options.getStreamOptionCase() === StreamOptionCase.STREAM) {
      this.streamReads++;
      if (isSubscription) return void call.emit('error', unimplemented('stream subscriptions'));
      const streamOptions = options.getStream()!;
      const identifier = streamOptions.getStreamIdentifier()!;
      const rows = this.streams.get(streamName(identifier));
      if (!rows) {
        const notFound = new streamsPb.ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(identifier);
        const response = new streamsPb.ReadResp();
        response.setStreamNotFound(notFound);
        call.write(response);
        return void call.end();
      }
      const revisionCase = streamOptions.getRevisionOptionCase();
      let from =
        revisionCase === RevisionOptionCase.REVISION ? Number(streamOptions.getRevision()) : revisionCase === RevisionOptionCase.END ? rows.length - 1 : 0;
      if (revisionCase === RevisionOptionCase.START && !forwards) from = 0;
      const selected: StoredEvent[] = [];
      if (forwards) for (let r = from; r < rows.length && selected.length < count; r++) selected.push(rows[r]!);
      else for (let r = Math.min(from, rows.length - 1); r >= 0 && selected.length < count; r--) selected.push(rows[r]!);
      for (const e of selected) call.write(readEvent(e));
      return void call.end();
    }

    const allOptions = options.getAll()!;
    const allCase = allOptions.getAllOptionCase();
    const fromPosition =
      allCase === AllOptionCase.POSITION ? Number(allOptions.getPosition()!.getCommitPosition()) : allCase === AllOptionCase.END ? Number.MAX_SAFE_INTEGER : -1;

    if (!isSubscription) {
      let written = 0;
      if (forwards) {
        // Reading $all forwards from a position includes the event at that position.
        for (const e of this.events) {
          if (written >= count) break;
          if (e.position >= fromPosition && matches(e)) (call.write(readEvent(e)), written++);
        }
      } else {
        for (let i = this.events.length - 1; i >= 0 && written < count; i--) {
          const e = this.events[i]!;
          if (e.position < fromPosition && matches(e)) (call.write(readEvent(e)), written++);
        }
      }
      return void call.end();
    }

    // A subscription starts strictly after its position, catches up, says so, then goes live.
    // Catching up honours the client's flow control (as EventStoreDB does): over a long log,
    // writing every event at once would buffer the whole log in this process.
    this.subscriptionStarts.push(fromPosition);
    // A filtered subscription also gets checkpoints at EventStoreDB's cadence (checkpoints.ts), so a
    // client that sees few matching events still learns how far the server has searched.
    const filtered = options.getFilterOptionCase() === ReadReqClass.Options.FilterOptionCase.FILTER;
    const cadence = filtered ? new CheckpointCadence(checkpointInterval(options.getFilter()!)) : undefined;
    // EventStoreDB sends no checkpoint at or before the last one it sent (AllSubscriptionFiltered).
    let lastCheckpoint = -1;
    const sendCheckpoint = (position: number): boolean => {
      if (position <= lastCheckpoint) return true;
      lastCheckpoint = position;
      return call.write(checkpoint(position));
    };
    const subscriber: LiveSubscriber = {
      deliver: (events) => {
        for (const e of events) {
          if (matches(e)) call.write(readEvent(e));
          if (cadence?.consider()) sendCheckpoint(e.position);
        }
      },
    };
    let ended = false;
    const end = (): void => {
      ended = true;
      this.live.delete(subscriber);
    };
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
    const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    const confirm = new streamsPb.ReadResp();
    confirm.setConfirmation(confirmation);
    call.write(confirm);
    void (async () => {
      for (let i = 0; i < this.events.length; i++) {
        if (ended) return;
        const e = this.events[i]!;
        if (e.position <= fromPosition) continue;
        let room = true;
        if (matches(e)) room = call.write(readEvent(e));
        if (cadence?.consider()) room = sendCheckpoint(e.position) && room;
        if (!room) await drained(call);
      }
      if (ended) return;
      // At the head, in the same turn of the event loop: no append can fall between catch-up and live.
      // EventStoreDB also sends a checkpoint as it goes live, then CaughtUp.
      const head = this.events[this.events.length - 1]!.position;
      if (cadence) {
        sendCheckpoint(head);
        cadence.restart();
      }
      const caughtUp = new streamsPb.ReadResp();
      caughtUp.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
      call.write(caughtUp);
      this.live.add(subscriber);
    })();
  }

  private supportedMethods(): InstanceType<typeof serverFeaturesPb.SupportedMethods> {
    const methods = new serverFeaturesPb.SupportedMethods();
    methods.setEventStoreServerVersion('24.10.0-stand-in');
    const method = (service: string, name: string, features: string[] = []): InstanceType<typeof serverFeaturesPb.SupportedMethod> => {
      const m = new serverFeaturesPb.SupportedMethod();
      m.setServiceName(service);
      m.setMethodName(name);
      m.setFeaturesList(features);
      return m;
    };
    methods.setMethodsList([
      method('event_store.client.streams.streams', 'read', ['all', 'stream', 'position', 'events', 'filter']),
      method('event_store.client.streams.streams', 'append'),
      method('event_store.client.streams.streams', 'batchappend'),
      method('event_store.client.server_features.serverfeatures', 'getsupportedmethods'),
      method('event_store.client.gossip.gossip', 'read'),
    ]);
    return methods;
  }

  private clusterInfo(): InstanceType<typeof gossipPb.ClusterInfo> {
    const endpoint = new gossipPb.EndPoint();
    endpoint.setAddress(this.host);
    endpoint.setPort(this.boundPort);
    const member = new gossipPb.MemberInfo();
    const id = new sharedPb.UUID();
    id.setString(randomUUID());
    member.setInstanceId(id);
    member.setTimeStamp(String(BigInt(Date.now()) * 10_000n));
    member.setState(gossipPb.MemberInfo.VNodeState.LEADER);
    member.setIsAlive(true);
    member.setHttpEndPoint(endpoint);
    const info = new gossipPb.ClusterInfo();
    info.setMembersList([member]);
    return info;
  }
}

/** Journal record: three little-endian u32 lengths (header JSON, data, metadata), then the three parts. */
const JOURNAL_HEADER = 12;

interface JournalHeader {
  id: string;
  stream: string;
  type: string;
  contentType: string;
  created: string;
  position: number;
  /** The position after this record (the next one's). */
  next: number;
}

function journalRecord(e: StoredEvent): Buffer {
  const next = e.position + 128 + e.data.length + e.customMetadata.length + Buffer.byteLength(e.stream) + Buffer.byteLength(e.type);
  const header: JournalHeader = {
    id: e.id,
    stream: e.stream,
    type: e.type,
    contentType: e.contentType,
    created: String(e.created),
    position: e.position,
    next,
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const lengths = Buffer.alloc(JOURNAL_HEADER);
  lengths.writeUInt32LE(headerBytes.length, 0);
  lengths.writeUInt32LE(e.data.length, 4);
  lengths.writeUInt32LE(e.customMetadata.length, 8);
  return Buffer.concat([lengths, headerBytes, e.data, e.customMetadata]);
}

function rpcStatus(code: number, message: string, detail: Uint8Array, typeName: string): InstanceType<typeof statusPb.Status> {
  const status = new statusPb.Status();
  status.setCode(code as never);
  status.setMessage(message);
  const any = new anyPb.Any();
  any.pack(detail, typeName);
  status.setDetails(any);
  return status;
}

function readEvent(e: StoredEvent): ReadResp {
  const recorded = new streamsPb.ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(e.id);
  recorded.setId(id);
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(e.stream, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(String(e.revision));
  recorded.setPreparePosition(String(e.position));
  recorded.setCommitPosition(String(e.position));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', e.type);
  metadata.set('content-type', e.contentType);
  metadata.set('created', String(e.created));
  recorded.setCustomMetadata(e.customMetadata);
  recorded.setData(e.data);
  const read = new streamsPb.ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(String(e.position));
  const response = new streamsPb.ReadResp();
  response.setEvent(read);
  return response;
}

function checkpoint(position: number): ReadResp {
  const point = new streamsPb.ReadResp.Checkpoint();
  point.setCommitPosition(String(position));
  point.setPreparePosition(String(position));
  const response = new streamsPb.ReadResp();
  response.setCheckpoint(point);
  return response;
}

function eventFilter(options: InstanceType<typeof ReadReqClass.Options>): (e: StoredEvent) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const onStream = filter.getFilterCase() === FilterCase.STREAM_IDENTIFIER;
  const expression = onStream ? filter.getStreamIdentifier()! : filter.getEventType()!;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  return (e) => {
    const subject = onStream ? e.stream : e.type;
    if (prefixes.length > 0 && !prefixes.some((p) => subject.startsWith(p))) return false;
    if (regex && !regex.test(subject)) return false;
    return true;
  };
}

function streamName(identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function uuidText(uuid: InstanceType<typeof sharedPb.UUID>): string {
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const hex =
      BigInt.asUintN(64, BigInt(structured.getMostSignificantBits())).toString(16).padStart(16, '0') +
      BigInt.asUintN(64, BigInt(structured.getLeastSignificantBits())).toString(16).padStart(16, '0');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
}

function unimplemented(what: string): grpc.ServiceError {
  return Object.assign(new Error(`${what} is not served by the EventStoreDB stand-in.`), {
    code: grpc.status.UNIMPLEMENTED,
    details: `${what} is not served by the EventStoreDB stand-in.`,
    metadata: new grpc.Metadata(),
  });
}

function invalid(message: string): grpc.ServiceError {
  return Object.assign(new Error(message), { code: grpc.status.INVALID_ARGUMENT, details: message, metadata: new grpc.Metadata() });
}

/** Resolves when the call can take more writes, or has ended. */
function drained(call: grpc.ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of ['drain', 'close', 'cancelled', 'error']) call.off(event, done);
      resolve();
    };
    for (const event of ['drain', 'close', 'cancelled', 'error']) call.on(event, done);
  });
}
