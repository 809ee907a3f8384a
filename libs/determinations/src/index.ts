export * from './determinations.module.js';
export * from './determination-record.js';
export * from './determination-evaluator.service.js';
export * from './determination-records.service.js';
export * from './read-model/determinations.projection.js';
export * from './read-model/read-model.token.js';
export * from './read-model/determinations-table.js';
export * from './ledger/ledger.service.js';
