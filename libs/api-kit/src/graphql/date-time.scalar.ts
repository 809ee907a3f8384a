import { DomainError, parseInstant } from '#domain';
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';

function parseClientValue(value: unknown): string {
  if (typeof value !== 'string') {
    throw invalid(`DateTime: expected a string such as '2025-06-01' or '2025-06-01T12:00:00Z', got ${String(value)}`);
  }
  try {
    return parseInstant(value, 'DateTime');
  } catch (error) {
    if (error instanceof DomainError) throw invalid(error.message);
    throw error;
  }
}

function invalid(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/**
 * `scalar DateTime`: ISO 8601 with an offset, or a bare date meaning 00:00Z. Input becomes the
 * domain's canonical `Instant` (`2025-06-01T00:00:00.000Z`); output is written the same way.
 * Use as `@Field(() => DateTimeScalar)` / `@Args('at', { type: () => DateTimeScalar })` on strings.
 */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An instant in ISO 8601 with an offset (2025-06-01T12:00:00+02:00); a bare date (2025-06-01) means 00:00Z.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    try {
      return parseInstant(value as string, 'DateTime');
    } catch {
      // A stored value we cannot write out is a server bug: a plain Error becomes INTERNAL.
      throw new TypeError(`DateTime cannot serialize ${String(value)}`);
    }
  },
  parseValue: parseClientValue,
  // A plain Error here lets graphql-js attach the literal's location to its validation error.
  parseLiteral(ast: ValueNode) {
    if (ast.kind !== Kind.STRING) throw new TypeError(`DateTime: expected a string such as "2025-06-01", got ${print(ast)}`);
    try {
      return parseInstant(ast.value, 'DateTime');
    } catch (error) {
      throw new TypeError((error as Error).message);
    }
  },
});
