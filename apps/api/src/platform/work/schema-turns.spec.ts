import { EventEmitter } from 'node:events';
import { buildSchema, graphql, type GraphQLResolveInfo } from 'graphql';
import { WorkCancelledError } from '#api-kit';
import { expensiveFieldTurns } from './expensive-fields.js';
import { LIST_CHUNK, longListTurns } from './long-lists.js';

const sdl = `
  type Query { entries(n: Int!): [Entry!]!, evaluate(input: Input!): Result! }
  type Mutation { issueDetermination(input: Input!): Result! }
  type Entry { n: Int! }
  type Result { items: Int! }
  input Input { items: [Int!]! }
`;

/** A reply as far as the request's work reads it, on a connection still open (or already closed). */
function fakeReply(destroyed = false) {
  const raw = Object.assign(new EventEmitter(), { destroyed, writableFinished: false });
  return { raw, elapsedTime: 0, log: { warn: () => undefined } };
}

function schemaWithTurns() {
  return expensiveFieldTurns(60_000)(longListTurns(buildSchema(sdl)));
}

describe('longListTurns', () => {
  it('completes a long list in chunks, a turn of the event loop each, to the same answer', async () => {
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);
    const n = LIST_CHUNK * 4 + 1;
    const rootValue = { entries: ({ n }: { n: number }) => Array.from({ length: n }, (_, i) => ({ n: i })) };

    const answer = await graphql({ schema: schemaWithTurns(), source: `{ entries(n: ${n}) { n } }`, rootValue });
    counting = false;

    expect(answer).toEqual({ data: { entries: Array.from({ length: n }, (_, i) => ({ n: i })) } });
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it("answers a cancelled request's long list with one error located at the list, built once", async () => {
    const n = LIST_CHUNK * 4 + 1;
    const rootValue = { entries: ({ n }: { n: number }) => Array.from({ length: n }, (_, i) => ({ n: i })) };
    const controller = new AbortController();
    setImmediate(() => controller.abort(new WorkCancelledError('CLIENT_GONE')));
    // graphql-js captures a stack for every GraphQLError it builds: count them.
    const capture = Error.captureStackTrace;
    let captured = 0;
    Error.captureStackTrace = (...args: Parameters<typeof capture>) => {
      captured++;
      capture(...args);
    };
    try {
      const answer = await graphql({
        schema: schemaWithTurns(),
        source: `{ entries(n: ${n}) { n } }`,
        rootValue,
        contextValue: { work: { signal: controller.signal } },
      });

      expect(answer.data).toBeNull();
      expect(answer.errors).toHaveLength(1);
      expect(answer.errors?.[0]).toMatchObject({ message: 'The client closed the connection; the request was stopped', path: ['entries'] });
      expect(captured).toBeLessThan(5);
    } finally {
      Error.captureStackTrace = capture;
    }
  });

  it("fails the remaining elements of a cancelled request's long list a chunk per turn, all with the same error", async () => {
    const schema = schemaWithTurns();
    const field = schema.getQueryType()!.getFields().entries!;
    const n = LIST_CHUNK * 4 + 1;
    const controller = new AbortController();
    controller.abort(new WorkCancelledError('CLIENT_GONE'));
    const info = { fieldName: 'entries', fieldNodes: [], path: { prev: undefined, key: 'entries', typename: 'Query' } } as unknown as GraphQLResolveInfo;
    let turns = 0;
    let counting = true;
    const tick = () => {
      turns++;
      if (counting) setImmediate(tick);
    };
    setImmediate(tick);

    const elements = field.resolve!({ entries: Array.from({ length: n }, (_, i) => ({ n: i })) }, {}, { work: { signal: controller.signal } }, info) as Array<
      Promise<unknown>
    >;
    const settled = await Promise.allSettled(elements);
    counting = false;

    const reasons = new Set(settled.map((outcome) => (outcome.status === 'rejected' ? outcome.reason : 'fulfilled')));
    expect(reasons.size).toBe(1);
    expect([...reasons][0]).toMatchObject({ message: 'The client closed the connection; the request was stopped', path: ['entries'] });
    // All at once, the failures of 36,000 trace entries held the event loop over a second.
    expect(turns).toBeGreaterThanOrEqual(5);
  });

  it('returns a short list as it is', async () => {
    const rootValue = { entries: () => [{ n: 1 }, { n: 2 }] };

    expect(await graphql({ schema: schemaWithTurns(), source: '{ entries(n: 2) { n } }', rootValue })).toEqual({ data: { entries: [{ n: 1 }, { n: 2 }] } });
  });
});

describe('expensiveFieldTurns', () => {
  const items = (n: number) => `{ items: [${Array.from({ length: n }, (_, i) => i).join(',')}] }`;

  it('runs an expensive root field (here 200 items) after its turn, and a cheap one at once; both answer', async () => {
    const ran: string[] = [];
    const rootValue = {
      evaluate: ({ input }: { input: { items: number[] } }) => {
        ran.push(`evaluate ${input.items.length}`);
        return { items: input.items.length };
      },
    };

    const answer = await graphql({
      schema: schemaWithTurns(),
      source: `{ heavy: evaluate(input: ${items(200)}) { items } light: evaluate(input: ${items(1)}) { items } }`,
      rootValue,
      contextValue: { reply: fakeReply() },
    });

    expect(answer).toEqual({ data: { heavy: { items: 200 }, light: { items: 1 } } });
    expect(ran).toEqual(['evaluate 1', 'evaluate 200']);
  });

  it('never starts an expensive mutation whose client has gone: nothing is recorded, the error says why', async () => {
    const recorded: number[] = [];
    const rootValue = {
      issueDetermination: ({ input }: { input: { items: number[] } }) => {
        recorded.push(input.items.length);
        return { items: input.items.length };
      },
    };

    const answer = await graphql({
      schema: schemaWithTurns(),
      source: `mutation { issueDetermination(input: ${items(200)}) { items } }`,
      rootValue,
      contextValue: { reply: fakeReply(true) },
    });

    expect(recorded).toEqual([]);
    expect(answer.errors?.[0]).toMatchObject({
      message: 'The client closed the connection; the request was stopped',
      originalError: { code: 'QUOTA_EXCEEDED' },
    });
  });
});
