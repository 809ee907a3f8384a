/**
 * Write failures the EventStoreDB stand-in can be told to produce, one append at a time, so that
 * tests can drive the adapter through the "the write may or may not have happened" paths.
 *
 * What a real server does, and what each fault stands for (KurrentDB's Streams.BatchAppend in
 * src/KurrentDB.Core/Services/Transport/Grpc/Streams.BatchAppend.cs, read 2026-12):
 * - A write that does not complete within the request's deadline (the `deadline` the client puts
 *   in BatchAppendReq.Options, capped by the server's WriteTimeoutMs, 2000 ms by default) is
 *   answered with the status `Status.Timeout`: gRPC code DEADLINE_EXCEEDED with an
 *   `event_store.client.Timeout` detail, which @eventstore/db-client 6.x turns into
 *   DeadlineExceededError (its streams/appendToStream/unpackError.js).
 * - The same answer comes back when the write itself ended in CommitTimeout, ForwardTimeout or
 *   PrepareTimeout. A commit timeout can come after the write reached the log (it was written,
 *   the acknowledgement was late), so a Timeout never says whether the events were stored.
 * - A server that goes away answers nothing: the connection drops, and the client sees
 *   UNAVAILABLE for every call in flight (see EventStoreDbStandIn.crash).
 */
export type AppendFault =
  /** Commits the events, then answers Timeout at the deadline: the write landed, the client does not know. */
  | 'applied-then-timeout'
  /** Commits nothing and answers Timeout at the deadline: the write never happened. */
  | 'not-applied-timeout'
  /** Answers Timeout at the deadline and commits the events `lateMs` after it: the write lands after the client gave up. */
  | 'applied-after-timeout'
  /** Commits nothing and never answers; the call stays open until the server goes away. */
  | 'no-answer';

export interface AppendFaultOptions {
  /** For 'applied-after-timeout': how long after the Timeout answer the events are committed (default 50 ms). */
  lateMs?: number;
}

/** A fault waiting for the next append to its stream. */
export interface ArmedFault {
  fault: AppendFault;
  lateMs: number;
}

/** Default WriteTimeoutMs of EventStoreDB and KurrentDB: a write not done by then is answered Timeout. */
export const DEFAULT_WRITE_TIMEOUT_MS = 2000;

/**
 * How long the server gives a write: the client's requested deadline (an absolute time in the
 * request; none means no limit of its own), capped by the server's write timeout.
 */
export function writeTimeout(requestedDeadline: Date | undefined, serverWriteTimeoutMs: number, now: number = Date.now()): number {
  const requested = requestedDeadline ? requestedDeadline.getTime() - now : Number.POSITIVE_INFINITY;
  return Math.max(0, Math.min(requested, serverWriteTimeoutMs));
}
