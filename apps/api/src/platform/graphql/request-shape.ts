import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { preExecutionHookHandler, preParsingHookHandler } from 'mercurius';
import { ApiGraphQLError } from '../errors/api-error.js';

/** Brackets nested deeper than this are refused before parsing (graphql-js parses recursively). */
export const MAX_DOCUMENT_NESTING = 100;
/** Characters of a GraphQL document. */
export const MAX_DOCUMENT_LENGTH = 200_000;

const badInput = (message: string) => new ApiGraphQLError({ message, extensions: { code: 'BAD_USER_INPUT', fields: [] } });

/**
 * A preParsing hook: the document must be GraphQL text of bounded length and nesting, checked in
 * one linear pass, so a document 20,000 levels deep never reaches graphql-js's recursive descent.
 * Mercurius takes a query that does not parse but is JSON (`{"query":123}` arrives as "123") for a
 * syntax tree and crashes validating it (a 500); no GraphQL document is JSON, so it is refused.
 */
export const documentShape: preParsingHookHandler = (_schema, source) => {
  if (typeof source !== 'string' || isJson(source)) throw badInput("The request's query must be a GraphQL document, as a string");
  if (source.length > MAX_DOCUMENT_LENGTH) throw badInput(`The document has ${source.length} characters; the limit is ${MAX_DOCUMENT_LENGTH}`);
  const deepest = nesting(source);
  if (deepest > MAX_DOCUMENT_NESTING) throw badInput(`The document nests brackets ${deepest} deep; the limit is ${MAX_DOCUMENT_NESTING}`);
};

function isJson(source: string): boolean {
  // `{` also opens GraphQL's query shorthand (`{ __typename }`), the most common document: only
  // `{"` or `{}` can be JSON there. Trying JSON.parse on every such document threw an exception per
  // request (about 9 us of a 160 us trivial request in a profile).
  if (!/^\s*(?:[-\d"[tfn]|\{\s*["}])/.test(source)) return false;
  try {
    JSON.parse(source);
    return true;
  } catch {
    return false;
  }
}

/** The deepest nesting of `{`, `[` and `(` outside strings and comments (stops counting past the limit). */
function nesting(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x22 /* " */) i = endOfString(source, i);
    else if (c === 0x23 /* # */) i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (c === 0x7b || c === 0x5b || c === 0x28) {
      if (++depth > deepest && (deepest = depth) > MAX_DOCUMENT_NESTING) return deepest;
    } else if (c === 0x7d || c === 0x5d || c === 0x29) depth--;
  }
  return deepest;
}

function endOfString(source: string, start: number): number {
  if (source.startsWith('"""', start)) {
    const end = source.indexOf('"""', start + 3);
    return end === -1 ? source.length : end + 2;
  }
  for (let i = start + 1; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x22 || c === 0x0a) return i;
  }
  return source.length;
}

/** A preExecution hook: subscriptions are served over graphql-ws only; over POST they are a clear 400. */
export const noSubscriptionOverHttp: preExecutionHookHandler = (_schema, document, context) => {
  const operationName = (context.reply?.request?.body as { operationName?: unknown } | undefined)?.operationName;
  if (selectedOperation(document, operationName)?.operation === 'subscription') {
    throw badInput('Subscriptions are served over WebSocket (graphql-ws protocol) on /graphql, not over HTTP POST');
  }
};

function selectedOperation(document: DocumentNode, name: unknown): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return typeof name === 'string' ? operations.find((op) => op.name?.value === name) : operations[0];
}
