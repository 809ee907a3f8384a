import { EventEmitter } from 'node:events';
import type { FastifyReply } from 'fastify';
import { WorkCancelledError } from '#api-kit';
import { requestWork } from './request-work.js';

/** The parts of a Fastify reply requestWork reads: the raw response, the elapsed time, the log. */
function fakeReply(raw: { destroyed?: boolean; writableFinished?: boolean } = {}) {
  const response = Object.assign(new EventEmitter(), { destroyed: false, writableFinished: false, ...raw });
  const warnings: Array<[Record<string, unknown>, string]> = [];
  const reply = { raw: response, elapsedTime: 0, log: { warn: (line: Record<string, unknown>, message: string) => warnings.push([line, message]) } };
  return { reply: reply as unknown as FastifyReply, response, warnings };
}

describe('requestWork', () => {
  it('is made once per request', () => {
    const { reply, response } = fakeReply();

    expect(requestWork(reply, 1000)).toBe(requestWork(reply, 1000));
    response.emit('close');
  });

  it('is cancelled at its deadline, counted from when the request arrived, and says so in the log', async () => {
    const { reply, warnings } = fakeReply();
    (reply as { elapsedTime: number }).elapsedTime = 150;
    const { signal } = requestWork(reply, 200);

    await new Promise((resolve) => setTimeout(resolve, 100));

    expect(signal.reason).toBeInstanceOf(WorkCancelledError);
    expect(signal.reason).toMatchObject({ code: 'QUOTA_EXCEEDED', reason: 'DEADLINE', details: { deadlineMs: 200 } });
    expect(warnings).toEqual([[{ reason: 'DEADLINE', elapsedMs: 150 }, 'request work stopped']]);
  });

  it('is cancelled when the client closes the connection before the answer is written', () => {
    const { reply, response } = fakeReply();
    const { signal } = requestWork(reply, 60_000);

    response.emit('close');

    expect(signal.reason).toMatchObject({ reason: 'CLIENT_GONE' });
  });

  it('is cancelled at once when the client had already gone', () => {
    const { reply } = fakeReply({ destroyed: true });

    expect(requestWork(reply, 60_000).signal.reason).toMatchObject({ reason: 'CLIENT_GONE' });
  });

  it('is left alone when the connection closes after the answer was written', () => {
    const { reply, response } = fakeReply();
    const { signal } = requestWork(reply, 60_000);

    response.writableFinished = true;
    response.emit('close');

    expect(signal.aborted).toBe(false);
  });
});
