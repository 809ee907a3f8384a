import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  id: string;
  attempt: number;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** What the receiver answered: a status, or 'hang'. */
  answer?: number | 'hang';
  body: { id: string; type: string; position: number; eventId: string; data: unknown };
}

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: records every request it gets, answers
 * with what `answer` says (a status, or 'hang' to never answer), and keeps the deliveries it
 * accepted (a 2xx) by delivery id, as a receiver deduplicating by id would.
 */
export class WebhookReceiver {
  readonly requests: ReceivedDelivery[] = [];
  private server?: Server;
  private readonly hanging = new Set<() => void>();

  constructor(public answer: (delivery: ReceivedDelivery, index: number) => number | 'hang' = () => 204) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const body = JSON.parse(rawBody) as ReceivedDelivery['body'];
        const delivery: ReceivedDelivery = { id: body.id, attempt: Number(request.headers['policy-ledger-attempt']), headers: request.headers, rawBody, body };
        this.requests.push(delivery);
        const answer = this.answer(delivery, this.requests.length - 1);
        delivery.answer = answer;
        if (answer === 'hang') {
          const end = () => response.destroy();
          this.hanging.add(end);
          response.on('close', () => this.hanging.delete(end));
          return;
        }
        response.statusCode = answer;
        response.end(answer >= 300 ? 'receiver says no' : undefined);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/hooks`;
  }

  /** Deliveries accepted, one per delivery id, in the order they were first accepted. */
  accepted(): ReceivedDelivery[] {
    const byId = new Map<string, ReceivedDelivery>();
    for (const delivery of this.requests) {
      if (typeof delivery.answer === 'number' && delivery.answer < 300 && !byId.has(delivery.id)) byId.set(delivery.id, delivery);
    }
    return [...byId.values()];
  }

  async stop(): Promise<void> {
    for (const end of this.hanging) end();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
