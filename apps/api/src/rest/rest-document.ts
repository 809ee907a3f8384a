import { isNonNullType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { fullSelection } from './graphql-json-schema.js';
import type { RestOperation } from './rest-operations.js';

/** A route's GraphQL operation, built once from the schema, and which arguments come from where. */
export interface RestDocument {
  source: string;
  field: GraphQLField<unknown, unknown>;
  /** Arguments the JSON body may carry. */
  bodyArguments: string[];
  /** Body arguments the field requires. */
  requiredBodyArguments: string[];
}

export function restDocument(schema: GraphQLSchema, operation: RestOperation): RestDocument {
  const root = operation.kind === 'query' ? schema.getQueryType() : schema.getMutationType();
  const field = root?.getFields()[operation.field];
  if (!field) throw new Error(`REST ${operation.method} ${operation.path}: the schema has no ${operation.kind} field ${operation.field}`);
  const elsewhere = new Set([...(operation.pathArguments ?? []), ...Object.keys(operation.headerArguments ?? {})]);
  const bodyArguments = field.args.map((arg) => arg.name).filter((name) => !elsewhere.has(name));
  const requiredBodyArguments = field.args.filter((arg) => bodyArguments.includes(arg.name) && isNonNullType(arg.type) && arg.defaultValue === undefined);
  const variables = field.args.map((arg) => `$${arg.name}: ${arg.type.toString()}`).join(', ');
  const args = field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const name = operation.operationId.charAt(0).toUpperCase() + operation.operationId.slice(1);
  const source = `${operation.kind} Rest${name}${variables ? `(${variables})` : ''} { result: ${field.name}${args ? `(${args})` : ''}${fullSelection(field.type)} }`;
  return { source, field, bodyArguments, requiredBodyArguments: requiredBodyArguments.map((arg) => arg.name) };
}
