// What the adapter and its subscription share about the client's records and errors.
import esdb from '@eventstore/db-client';
import type { AllStreamResolvedEvent, ResolvedEvent } from '@eventstore/db-client';
import { StoreUnavailableError } from '../../event-store.errors.js';

const { UnavailableError, CancelledError, DeadlineExceededError, NotLeaderError, TimeoutError } = esdb;

export interface EsdbEvent {
  id: string;
  streamId: string;
  revision: number;
  /** The commit position; -1 if the server sent none. */
  position: number;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  created: Date;
}

export const NO_POSITION = 2n ** 64n - 1n;

/** The recorded event of a read result, or undefined for system events and links without one. */
export function userEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): EsdbEvent | undefined {
  const event = resolved.event;
  if (!event || event.streamId.startsWith('$') || event.type.startsWith('$')) return undefined;
  const commit = event.position?.commit;
  return {
    id: event.id,
    streamId: event.streamId,
    revision: Number(event.revision),
    position: commit === undefined || commit === NO_POSITION ? -1 : Number(commit),
    type: event.type,
    data: event.data,
    metadata: (event.metadata && typeof event.metadata === 'object' && !(event.metadata instanceof Uint8Array) ? event.metadata : {}) as Record<
      string,
      unknown
    >,
    created: event.created,
  };
}

/** gRPC status codes (grpc/doc/statuscodes.md) the client sometimes passes on unconverted. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * A raw @grpc/grpc-js error with one of `codes`. The 6.x client converts most call errors to its
 * own classes, but not all: after a dropped connection it fetches the server's features again
 * (Client.supports, before an append) and rejects with that call's grpc-js error as it came.
 */
function isGrpcStatus(error: unknown, codes: number[]): boolean {
  return error instanceof Error && 'details' in error && 'metadata' in error && codes.includes((error as { code?: unknown }).code as number);
}

/** Errors that mean "the server could not be reached or could not serve now"; retrying later may succeed. */
export function isUnavailable(error: unknown): boolean {
  return (
    error instanceof StoreUnavailableError ||
    isGrpcStatus(error, [GRPC_UNAVAILABLE, GRPC_DEADLINE_EXCEEDED]) ||
    error instanceof UnavailableError ||
    error instanceof CancelledError ||
    error instanceof DeadlineExceededError ||
    error instanceof NotLeaderError ||
    error instanceof TimeoutError ||
    // Gossip discovery (cluster connection strings) gives up with a plain Error.
    (error instanceof Error && /^Failed to discover after \d+ attempts/.test(error.message))
  );
}

export function unavailableReason(error: unknown): string {
  if (error instanceof StoreUnavailableError) return error.reason;
  if (error instanceof NotLeaderError) return 'no leader';
  if (error instanceof DeadlineExceededError || error instanceof TimeoutError || isGrpcStatus(error, [GRPC_DEADLINE_EXCEEDED])) return 'no answer in time';
  return 'unreachable';
}
