export * from './policy-ledger-client.js';
export * from './webhook-signature.js';
export type * from './generated/graphql.js';
