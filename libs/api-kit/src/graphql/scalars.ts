import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { DomainError, parseInstant, type Instant } from '#domain';

function badValue(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

function parseDateTime(value: unknown): Instant {
  if (typeof value !== 'string') throw badValue(`DateTime must be an ISO 8601 string, got ${JSON.stringify(value)}`);
  try {
    return parseInstant(value, 'DateTime');
  } catch (error) {
    if (error instanceof DomainError) throw badValue(error.message);
    throw error;
  }
}

/** ISO 8601 with offset; a bare date `2025-06-01` means 00:00Z. Served as canonical UTC. */
export const DateTimeScalar = new GraphQLScalarType<Instant, string>({
  name: 'DateTime',
  description: 'ISO 8601 date-time with offset; a bare date such as 2025-06-01 means 00:00Z',
  serialize: (value) => parseDateTime(value),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw badValue('DateTime must be a string literal');
    return parseDateTime(ast.value);
  },
});

function literalValue(ast: ValueNode): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map(literalValue);
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((field) => [field.name.value, literalValue(field.value)]));
    default:
      throw badValue('JSON literals cannot hold variables');
  }
}

/** Any JSON value: determination inputs, facts, ledger figures. */
export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: literalValue,
});
