import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLOutputType,
} from 'graphql';

/** A JSON Schema (2020-12, the dialect of OpenAPI 3.1). */
export type JsonSchema = Record<string, unknown>;

const SCALARS: Record<string, JsonSchema> = {
  String: { type: 'string' },
  ID: { type: 'string' },
  Boolean: { type: 'boolean' },
  Int: { type: 'integer', minimum: -(2 ** 31), maximum: 2 ** 31 - 1 },
  Float: { type: 'number' },
  DateTime: { type: 'string', format: 'date-time' },
};

/**
 * Turns GraphQL types into JSON Schemas, collecting named types as reusable components, so that
 * the REST API's OpenAPI document is derived from the same schema the GraphQL API serves.
 * Output object types are written with the fields `selectableFields` picks, all of them required
 * (a GraphQL answer carries every selected field, null or not).
 */
export class GraphqlJsonSchemas {
  readonly components: Record<string, JsonSchema> = {};

  inputSchema(type: GraphQLInputType): JsonSchema {
    if (isNonNullType(type)) return this.inputSchema(type.ofType);
    return nullable(this.inputNonNull(type));
  }

  /** The schema of an input type where a value is required (a NonNull type, or a required property). */
  inputNonNull(type: GraphQLInputType): JsonSchema {
    if (isNonNullType(type)) return this.inputNonNull(type.ofType);
    if (isListType(type)) return { type: 'array', items: this.inputSchema(type.ofType) };
    const named = getNamedType(type);
    if (isInputObjectType(named)) {
      this.define(named, () => {
        const properties: Record<string, JsonSchema> = {};
        const required: string[] = [];
        for (const field of Object.values(named.getFields())) {
          properties[field.name] = withDescription(this.inputSchema(field.type), field.description);
          if (isNonNullType(field.type) && field.defaultValue === undefined) required.push(field.name);
        }
        return { type: 'object', properties, ...(required.length > 0 && { required }), additionalProperties: false };
      });
      return ref(named.name);
    }
    return this.leaf(named);
  }

  outputSchema(type: GraphQLOutputType): JsonSchema {
    if (isNonNullType(type)) return this.outputNonNull(type.ofType);
    return nullable(this.outputNonNull(type));
  }

  /** The schema of an output value that is never null here. */
  outputNonNull(type: GraphQLOutputType): JsonSchema {
    if (isListType(type)) return { type: 'array', items: this.outputSchema(type.ofType) };
    const named = getNamedType(type);
    if (isObjectType(named)) {
      this.define(named, () => {
        const properties: Record<string, JsonSchema> = {};
        const fields = selectableFields(named);
        for (const field of fields) properties[field.name] = withDescription(this.outputSchema(field.type), field.description);
        return { type: 'object', properties, required: fields.map((field) => field.name), additionalProperties: false };
      });
      return ref(named.name);
    }
    return this.leaf(named);
  }

  private leaf(named: GraphQLNamedType): JsonSchema {
    if (isEnumType(named)) {
      this.define(named, () => ({ type: 'string', enum: named.getValues().map((value) => value.name) }));
      return ref(named.name);
    }
    if (isScalarType(named)) return SCALARS[named.name] ?? (named.description ? { description: named.description } : {});
    throw new Error(`No JSON Schema for GraphQL type ${named.name}`);
  }

  private define(named: GraphQLNamedType, build: () => JsonSchema): void {
    if (named.name in this.components) return;
    this.components[named.name] = {};
    this.components[named.name] = withDescription(build(), named.description);
  }
}

/** The fields a REST answer carries: those that take no required argument and are not deprecated. */
export function selectableFields(type: GraphQLObjectType): GraphQLField<unknown, unknown>[] {
  return Object.values(type.getFields()).filter((field) => field.deprecationReason == null && field.args.every((arg) => !isNonNullType(arg.type)));
}

/** The GraphQL selection set of every selectable field of `type`, all the way down. */
export function fullSelection(type: GraphQLOutputType, path: readonly string[] = []): string {
  const named = getNamedType(type);
  if (!isObjectType(named)) return '';
  if (path.includes(named.name)) throw new Error(`REST selection: ${[...path, named.name].join(' > ')} is a cycle`);
  const fields = selectableFields(named).map((field) => `${field.name}${fullSelection(field.type, [...path, named.name])}`);
  return ` { ${fields.join(' ')} }`;
}

function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

function nullable(schema: JsonSchema): JsonSchema {
  if (typeof schema.type === 'string' && schema.enum === undefined) return { ...schema, type: [schema.type, 'null'] };
  if (Object.keys(schema).length === 0 || (Object.keys(schema).length === 1 && 'description' in schema)) return schema;
  return { anyOf: [schema, { type: 'null' }] };
}

function withDescription(schema: JsonSchema, description: string | null | undefined): JsonSchema {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12, where a $ref may stand beside other keywords.
  return description ? { ...schema, description } : schema;
}
