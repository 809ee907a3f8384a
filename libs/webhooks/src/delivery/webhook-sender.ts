import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { addressProblem, guardedLookup } from './outbound-address.js';

/** What one attempt came to: delivered (a 2xx answer), or why not. */
export interface SendOutcome {
  delivered: boolean;
  statusCode?: number;
  /** Why it failed: the status and the start of the receiver's answer, or the connection's error. */
  error?: string;
  durationMs: number;
}

export interface SenderOptions {
  /** The whole attempt (connect, send, answer) must end within this. */
  timeoutMs: number;
  allowPrivateAddresses: boolean;
}

/** How much of a failing receiver's answer is kept to show in webhookDeliveries. */
const ERROR_BODY_BYTES = 512;

/**
 * POSTs a delivery. Bounded in every way a receiver could stretch it: one deadline for the whole
 * attempt, at most ERROR_BODY_BYTES of an answer read, redirects not followed (a 3xx is a failure:
 * following one would call an address nobody configured).
 */
export async function sendDelivery(url: string, headers: Record<string, string>, body: string, options: SenderOptions): Promise<SendOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[(.*)\]$/, '$1');
  const refused = isIP(literal) ? addressProblem(literal, options.allowPrivateAddresses) : undefined;
  if (refused) return { delivered: false, error: `refused: ${refused}`, durationMs: 0 };
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<SendOutcome>((resolve) => {
    const signal = AbortSignal.timeout(options.timeoutMs);
    const call = request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
        lookup: guardedLookup(options.allowPrivateAddresses),
        signal,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        if (statusCode >= 200 && statusCode < 300) {
          resolve({ delivered: true, statusCode, durationMs: elapsed() });
          response.destroy();
          return;
        }
        void readSome(response).then((text) => {
          response.destroy();
          resolve({ delivered: false, statusCode, error: `HTTP ${statusCode}${text ? `: ${text}` : ''}`, durationMs: elapsed() });
        });
      },
    );
    call.on('error', (error) => {
      const reason = signal.aborted ? `no answer within ${options.timeoutMs} ms` : error.message;
      resolve({ delivered: false, error: reason, durationMs: elapsed() });
    });
    call.end(body);
  });
}

/** The start of an answer's body (up to ERROR_BODY_BYTES), as one line of text; stops reading there. */
function readSome(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, ERROR_BODY_BYTES).toString('utf8').replace(/\s+/g, ' ').trim());
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= ERROR_BODY_BYTES) done();
    });
    response.on('end', done);
    response.on('error', done);
    response.on('aborted', done);
  });
}
