import { EventEmitter } from 'node:events';
import type { MercuriusContext } from 'mercurius';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { WorkCancelledError, type WorkContext } from '#api-kit';
import { LONG_VARIABLE_LIST, longVariableTurns } from './long-variables.js';

const schema = {} as GraphQLSchema;
const document = {} as DocumentNode;
const items = (n: number) => Array.from({ length: n }, () => ({ kind: 'INTEGRATED_CIRCUIT' }));
type Context = MercuriusContext & WorkContext;
const contextOf = (work?: WorkContext['work']) => ({ work }) as unknown as Context;
/** A context whose request carries `body` and whose connection then closes. */
function closingRequest(body: unknown): { context: Context; close: () => void } {
  const raw = new EventEmitter() as EventEmitter & { destroyed: boolean; writableFinished: boolean };
  Object.assign(raw, { destroyed: false, writableFinished: false });
  const reply = { raw, request: { body }, elapsedTime: 0, log: { warn: () => undefined } };
  return { context: { reply } as unknown as Context, close: () => raw.emit('close') };
}

describe('longVariableTurns', () => {
  const hooks = longVariableTurns(30_000);

  it('makes an operation whose variables hold a long list wait for a turn of the event loop before execution', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('turn'));
    const waiting = hooks.preExecution(schema, document, contextOf(), { input: { items: items(LONG_VARIABLE_LIST) } });
    expect(waiting).toBeInstanceOf(Promise);
    await waiting;
    order.push('executed');

    expect(order).toEqual(['turn', 'executed']);
  });

  it.each([
    ['lists shorter than the bound', { input: { items: items(LONG_VARIABLE_LIST - 1) } }],
    ['no variables', undefined],
    ['a long list deeper than three objects, which is not looked for', { a: { b: { c: { items: items(LONG_VARIABLE_LIST) } } } }],
  ])('lets an operation with %s run at once', (_, variables) => {
    expect(hooks.preExecution(schema, document, contextOf(), variables as Record<string, unknown>)).toBeUndefined();
  });

  it('makes such a request wait before its variables are first read, and stops it there when its client goes away', async () => {
    const request = closingRequest({ query: '{ x }', variables: { input: { items: items(LONG_VARIABLE_LIST) } } });
    const waiting = hooks.preParsing(schema, '{ x }', request.context);
    request.close();

    await expect(waiting).rejects.toMatchObject({ code: 'QUOTA_EXCEEDED', reason: 'CLIENT_GONE' });
    expect(hooks.preParsing(schema, '{ x }', closingRequest({ query: '{ x }', variables: { first: 10 } }).context)).toBeUndefined();
  });

  it("stops there once the request's work is cancelled", async () => {
    const controller = new AbortController();
    controller.abort(new WorkCancelledError('CLIENT_GONE'));

    await expect(hooks.preExecution(schema, document, contextOf(controller), { items: items(LONG_VARIABLE_LIST) })).rejects.toMatchObject({
      code: 'QUOTA_EXCEEDED',
      reason: 'CLIENT_GONE',
    });
  });
});
