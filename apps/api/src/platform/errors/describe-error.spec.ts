import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { DomainError } from '#domain';
import { StoreFullError, StoreUnavailableError } from '#event-store';
import { GraphQLError, buildSchema, parse, specifiedRules, validate } from 'graphql';
import { literalPathsRule } from '../graphql/literal-paths.rule.js';
import { ApiGraphQLError, UnauthenticatedError } from './api-error.js';
import { describeError, describeRequestError } from './describe-error.js';

describe('describeError', () => {
  const logged: unknown[] = [];
  const describe_ = (error: unknown) => describeError(error, (internal) => logged.push(internal));

  beforeEach(() => {
    logged.length = 0;
  });

  it('looks through the GraphQLError that graphql-js wraps around a thrown error', () => {
    const wrapped = new GraphQLError('located', { originalError: new DomainError('NOT_FOUND', 'No amendment "a-1"') });

    expect(describe_(wrapped)).toEqual({ message: 'No amendment "a-1"', extensions: { code: 'NOT_FOUND' } });
  });

  it('passes an already described error through unchanged, without logging it again', () => {
    const described = new ApiGraphQLError({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });

    expect(describe_(described)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
    expect(logged).toEqual([]);
  });

  it('maps UnauthenticatedError', () => {
    expect(describe_(new UnauthenticatedError('expired'))).toEqual({ message: 'expired', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('maps the conflict details of an aggregate (expectedVersion / actualVersion)', () => {
    const conflict = new DomainError('CONFLICT', 'Amendment a-1 is at version 4', { expectedVersion: 3, actualVersion: 4 });

    expect(describe_(conflict).extensions).toEqual({ code: 'CONFLICT', expected: 3, actual: 4, expectedVersion: 3, actualVersion: 4 });
  });

  it('maps an unavailable store to a retryable INTERNAL that keeps its message (which names no address) and is not logged as a bug', () => {
    const error = new StoreUnavailableError('append events', 'unreachable', { cause: new Error('14 UNAVAILABLE: connect ECONNREFUSED 10.0.0.5:2113') });

    expect(describe_(error)).toEqual({
      message: 'The event store is unavailable (unreachable): could not append events.',
      extensions: { code: 'INTERNAL', reason: 'STORE_UNAVAILABLE', retryable: true },
    });
    expect(logged).toEqual([]);
  });

  it('maps a full store to a retryable INTERNAL with reason STORE_FULL, its message naming the cause and not the file', () => {
    const error = new StoreFullError('append to "ledger-LPP-acme-2025"', { cause: new Error('database or disk is full') });

    expect(describe_(error)).toEqual({
      message: 'The event store is unavailable (its disk is full): could not append to "ledger-LPP-acme-2025".',
      extensions: { code: 'INTERNAL', reason: 'STORE_FULL', retryable: true },
    });
    expect(logged).toEqual([]);
  });

  it('maps a retryable NOT_CAUGHT_UP conflict with the position asked for and the position applied as expected and actual', () => {
    const conflict = new DomainError('CONFLICT', 'not yet', {
      reason: 'NOT_CAUGHT_UP',
      retryable: true,
      position: 900,
      appliedPosition: 700,
      expectedPosition: 900,
      actualPosition: 700,
    });

    expect(describe_(conflict).extensions).toMatchObject({ code: 'CONFLICT', reason: 'NOT_CAUGHT_UP', retryable: true, expected: 900, actual: 700 });
  });

  it.each([
    [new BadRequestException('Validation failed'), { code: 'BAD_USER_INPUT', fields: [] }],
    [new NotFoundException('No such thing'), { code: 'NOT_FOUND' }],
  ])('maps Nest HTTP exceptions by status: %s', (exception, extensions) => {
    expect(describe_(exception)).toEqual({ message: exception.message, extensions });
  });

  it.each([
    ['an Error', new Error('ECONNREFUSED 10.0.0.5:5432')],
    ['a GraphQLError without one of our codes', new GraphQLError('Cannot return null for non-nullable field Query.x.')],
    ['a Nest exception without a matching code', new ServiceUnavailableException('db down')],
    ['a thrown string', 'oops'],
  ])('turns %s into INTERNAL with a generic message and logs it', (_, error) => {
    expect(describe_(error)).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL' } });
    expect(logged).toEqual([error]);
  });
});

describe('describeRequestError', () => {
  it.each([
    ['Variable "$input" got invalid value "x" at "input.items[2].quantity"; Int cannot represent non-integer value: "x"', ['input.items.2.quantity']],
    ['Variable "$at" got invalid value "2025-13-01"; DateTime: bad', ['at']],
    ['Variable "$code" of required type "String!" was not provided.', ['code']],
    ['Cannot query field "nope" on type "Query".', ['nope']],
    ['Unknown argument "extra" on field "Query.whoAmI".', ['extra']],
    ['Field "fail" argument "code" of type "String!" is required, but it was not provided.', ['code']],
    ['Field "ItemInput.kind" of required type "String!" was not provided.', ['kind']],
    ['Field "colour" is not defined by type "ItemInput".', ['colour']],
    ['Syntax Error: Expected Name, found <EOF>.', []],
  ])('finds the fields named in "%s"', (message, fields) => {
    expect(describeRequestError(new GraphQLError(message))).toEqual({ message, extensions: { code: 'BAD_USER_INPUT', fields } });
  });

  it("keeps a rule's own extensions", () => {
    const error = new GraphQLError('too deep', { extensions: { code: 'BAD_USER_INPUT', limit: 12, depth: 13 } });

    expect(describeRequestError(error).extensions).toEqual({ code: 'BAD_USER_INPUT', limit: 12, depth: 13, fields: [] });
  });

  describe('for a value written in the document', () => {
    const schema = buildSchema(`
      input Item { kind: String!, quantity: Int }
      input Order { destination: String!, items: [Item!]! }
      type Query { order(input: Order!, at: String): Int }
    `);
    const firstError = (source: string) => validate(schema, parse(source), [...specifiedRules, literalPathsRule])[0]!;

    it.each([
      ['{ order(input: { destination: "IN", items: [{ kind: "a" }, { kind: "b", quantity: 1.5 }] }) }', ['input.items.1.quantity']],
      ['{ order(input: { destination: "IN", items: [{ quantity: 1 }] }) }', ['input.items.0.kind']],
      ['{ order(input: { destination: "IN", items: [], colour: "red" }) }', ['input.colour']],
      ['{ order(input: { destination: "IN", items: [] }, at: 2025) }', ['at']],
      ['query($o: Order = { destination: 5, items: [] }) { order(input: $o) }', ['o.destination']],
    ])('names the path from the argument: %s', (source, fields) => {
      expect(describeRequestError(firstError(source)).extensions.fields).toEqual(fields);
    });
  });

  it('describes an error of graphql-jit, which may have no extensions', () => {
    const error = new GraphQLError('Variable "$input" of required type "Order!" was not provided.');
    Object.defineProperty(error, 'extensions', { value: undefined });

    expect(describeRequestError(error)).toEqual({ message: error.message, extensions: { code: 'BAD_USER_INPUT', fields: ['input'] } });
  });
});
