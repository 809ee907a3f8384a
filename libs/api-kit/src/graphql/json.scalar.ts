import { GraphQLScalarType, valueFromASTUntyped } from 'graphql';

/** `scalar JSON`: any JSON value, passed through as it is (determination input, facts, ledger). Use as `@Field(() => JsonScalar)`. */
export const JsonScalar = new GraphQLScalarType<unknown, unknown>({
  name: 'JSON',
  description: 'Any JSON value.',
  serialize: (value) => value,
  parseValue: (value) => value,
  parseLiteral: (ast, variables) => valueFromASTUntyped(ast, variables ?? undefined),
});
