export * from './determinations.module.js';
export * from './determination-record.js';
/** The stream layout of issuing, also named here: tests and tools name streams through this library. */
export { determinationStream, ledgerStream } from '#domain';
export * from './determination-evaluator.service.js';
export * from './determination-records.service.js';
export * from './read-model/determinations.projection.js';
export * from './read-model/read-model.token.js';
export * from './read-model/determinations-table.js';
export * from './ledger/ledger-figures.js';
export * from './read-model/rebuild-read-model.js';
export * from './impact/impact-analysis.js';
export * from './impact/impact-evaluation.js';
export * from './issue-determination/record-determination.js';
export { DeterminationType } from './graphql/determination.type.js';
