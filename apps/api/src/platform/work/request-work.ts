import type { FastifyReply } from 'fastify';
import { WorkCancelledError } from '#api-kit';

const WORK = Symbol('request work');
type ReplyWithWork = FastifyReply & { [WORK]?: RequestWork };

export interface RequestWork {
  /** Aborted with a WorkCancelledError at the deadline, or when the client closes the connection first. */
  readonly signal: AbortSignal;
}

/**
 * The work of one HTTP request, made the first time an expensive step asks for it (cheap requests
 * never pay for a timer): its deadline counts from when the request arrived, and the client
 * closing the connection before the answer is written (or having closed it already) cancels it
 * too. A cancellation is logged once, as a warning with its reason.
 */
export function requestWork(reply: FastifyReply, deadlineMs: number): RequestWork {
  const known = (reply as ReplyWithWork)[WORK];
  if (known !== undefined) return known;
  const controller = new AbortController();
  const response = reply.raw;
  const stop = (cancellation: WorkCancelledError) => {
    if (controller.signal.aborted) return;
    reply.log.warn({ reason: cancellation.reason, elapsedMs: Math.round(reply.elapsedTime) }, 'request work stopped');
    controller.abort(cancellation);
  };
  const work = { signal: controller.signal };
  (reply as ReplyWithWork)[WORK] = work;
  if (response.destroyed && !response.writableFinished) {
    stop(new WorkCancelledError('CLIENT_GONE'));
    return work;
  }
  const timer = setTimeout(
    () => stop(new WorkCancelledError('DEADLINE', { deadlineMs, elapsedMs: Math.round(reply.elapsedTime) })),
    Math.max(0, deadlineMs - reply.elapsedTime),
  );
  response.once('close', () => {
    clearTimeout(timer);
    if (!response.writableFinished) stop(new WorkCancelledError('CLIENT_GONE'));
  });
  return work;
}
