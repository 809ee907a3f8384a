import { ConcurrencyError } from '../event-store.errors.js';
import type { EventStore, ExpectedRevision, NewEvent, RecordedEvent } from '../event-store.port.js';

/** An event as a decider sees it: its type and data, nothing the store assigned. */
export interface DecidedEvent {
  type: string;
  data: unknown;
}

/** The decider pattern (STYLE.md): what handleCommand folds, decides and appends with. */
export interface CommandDecider<Command, Event extends DecidedEvent, State> {
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
  initialState(): State;
}

/** A stream as read: its events in the decider's terms, the store's records, and the revision to expect. */
export interface StreamRead<E extends DecidedEvent> {
  stream: string;
  events: E[];
  recorded: RecordedEvent[];
  /** What an append after this read expects: the last revision, or 'no_stream'. */
  revision: ExpectedRevision;
}

/**
 * A stream's events typed as the decider's. The store's serializer has upcast them to the current
 * shapes; this only names the type (nothing is checked at run time).
 */
export async function readStream<E extends DecidedEvent>(store: EventStore, stream: string): Promise<StreamRead<E>> {
  const recorded = await store.readStream(stream);
  const last = recorded.at(-1);
  return { stream, events: recorded.map((event) => ({ type: event.type, data: event.data }) as E), recorded, revision: last ? last.revision : 'no_stream' };
}

export interface HandleCommandOptions<Event extends DecidedEvent> {
  /** The streams the state is folded from, in this order; an event is appended to `streamOf(event)`. */
  streams: readonly string[];
  /**
   * Streams known not to exist yet (named by an id just drawn at random): not read, expected
   * absent, unless an append to one lost a race (then a retry reads it). Saves a round trip.
   */
  newStreams?: readonly string[];
  /** Which of the streams a decided event belongs to (default: the first). */
  streamOf?: (event: Event) => string;
  /** The stored form of a decided event: its id (derived, so that a retry appends nothing twice) and metadata. */
  toNewEvent: (event: Event, index: number) => NewEvent;
  /** Attempts in all when a stream moved between the read and the append (1: no retry). */
  retryOnConflict?: number;
}

export interface CommandResult<Event extends DecidedEvent, State> {
  /** The state after the decided events. */
  state: State;
  /** What was decided and appended (empty when the command changed nothing). */
  events: Event[];
  /** Per stream: the revision and global position of its last event, after the append. */
  streams: Record<string, { revision: ExpectedRevision; position: number }>;
  /** The position of the last event appended, or of the last event read when nothing was. */
  position: number;
}

/**
 * The one write path (docs/adr/019-deciders-and-handle-command.md): read the streams, fold them
 * with `evolve`, build the command from the state (it may read more, e.g. the policy head), decide,
 * and append each stream's events at the revision read. When a stream moved meanwhile
 * (ConcurrencyError), the whole cycle runs again on the streams it appended to read anew, up to
 * `retryOnConflict` attempts; then the last conflict is thrown. Appends to several streams are one per stream, in the order the events
 * were decided: the decider orders them so that a crash between two appends errs safe, and
 * derived event ids make the retry append nothing twice. Only the streams appended to are checked
 * for a concurrent change, so an invariant must live within one stream (a ledger's cap does).
 */
export async function handleCommand<Command, Event extends DecidedEvent, State>(
  store: EventStore,
  decider: CommandDecider<Command, Event, State>,
  command: Command | ((state: State) => Command | Promise<Command>),
  options: HandleCommandOptions<Event>,
): Promise<CommandResult<Event, State>> {
  const attempts = options.retryOnConflict ?? 1;
  const unread = new Set(options.newStreams);
  const reads = new Map<string, StreamRead<Event>>();
  for (let attempt = 1; ; attempt++) {
    const toRead = options.streams.filter((stream) => !reads.has(stream));
    const touched = new Set<string>();
    try {
      for (const read of await Promise.all(toRead.map((stream) => (unread.has(stream) ? absent<Event>(stream) : readStream<Event>(store, stream)))))
        reads.set(read.stream, read);
      return await runOnce(store, decider, command, options, reads, touched);
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= attempts) throw error;
      // Only the streams this attempt appended to (or tried to) can be behind what it decided on;
      // the others' reads are kept (only appended streams are checked, so an older read of them is
      // as good as a new one). A retry of a contended draw thus reads the ledger, not every stream.
      for (const stream of touched) {
        reads.delete(stream);
        unread.delete(stream);
      }
    }
  }
}

function absent<E extends DecidedEvent>(stream: string): StreamRead<E> {
  return { stream, events: [], recorded: [], revision: 'no_stream' };
}

async function runOnce<Command, Event extends DecidedEvent, State>(
  store: EventStore,
  decider: CommandDecider<Command, Event, State>,
  command: Command | ((state: State) => Command | Promise<Command>),
  options: HandleCommandOptions<Event>,
  read: ReadonlyMap<string, StreamRead<Event>>,
  touched: Set<string>,
): Promise<CommandResult<Event, State>> {
  const reads = options.streams.map((stream) => read.get(stream)!);
  let state = decider.initialState();
  for (const read of reads) for (const event of read.events) state = decider.evolve(state, event);
  const decided = decider.decide(typeof command === 'function' ? await (command as (state: State) => Command | Promise<Command>)(state) : command, state);

  const streams: CommandResult<Event, State>['streams'] = {};
  let position = 0;
  for (const read of reads) {
    const last = read.recorded.at(-1);
    streams[read.stream] = { revision: read.revision, position: last?.position ?? 0 };
    position = Math.max(position, last?.position ?? 0);
  }
  const streamOf = options.streamOf ?? (() => options.streams[0]!);
  const byStream = new Map<string, NewEvent[]>();
  decided.forEach((event, index) => {
    const stream = streamOf(event);
    if (!streams[stream]) throw new Error(`decided an event for ${stream}, which the command did not read`);
    byStream.set(stream, [...(byStream.get(stream) ?? []), options.toNewEvent(event, index)]);
  });
  for (const [stream, events] of byStream) {
    touched.add(stream);
    const written = await store.append(stream, events, streams[stream]!.revision);
    streams[stream] = { revision: written.nextRevision, position: written.position };
    position = written.position;
  }
  return { state: decided.reduce(decider.evolve, state), events: decided, streams, position };
}
