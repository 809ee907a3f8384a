import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

// Native ESM mode: NestJS 12 and the CEL library ship ES modules only (docs/adr/001-native-esm.md).
// The build's compiler options (.swcrc: legacy decorators and their metadata, for Nest's injection).
const { jsc } = JSON.parse(readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
const swc = { swcrc: false, jsc, module: { type: 'es6' } };

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^#domain/canonical-json$': '<rootDir>/libs/domain/src/policy/canonical-json.ts',
    '^#audit$': '<rootDir>/libs/audit/src/index.ts',
    '^#audit-log$': '<rootDir>/libs/audit-log/src/index.ts',
    '^#webhooks$': '<rootDir>/libs/webhooks/src/index.ts',
    '^#domain$': '<rootDir>/libs/domain/src/index.ts',
    '^#domain/canonical-json$': '<rootDir>/libs/domain/src/policy/canonical-json.ts',
    '^#event-store$': '<rootDir>/libs/event-store/src/index.ts',
    '^#event-store/sqlite$': '<rootDir>/libs/event-store/src/adapters/sqlite/index.ts',
    '^#event-store/eventstoredb$': '<rootDir>/libs/event-store/src/adapters/eventstoredb/index.ts',
    '^#projections$': '<rootDir>/libs/projections/src/index.ts',
    '^#policy-files$': '<rootDir>/libs/policy-files/src/index.ts',
    '^#policy$': '<rootDir>/libs/policy/src/index.ts',
    '^#determinations$': '<rootDir>/libs/determinations/src/index.ts',
    '^#api-kit$': '<rootDir>/libs/api-kit/src/index.ts',
    '^#memo$': '<rootDir>/libs/memo/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['<rootDir>/{apps,libs,packages,test}/**/*.{spec,int-spec,e2e-spec}.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  // Benchmarks and tools keep scratch copies of the repo under .tmp/: their package.json files would collide in Jest's module map.
  modulePathIgnorePatterns: ['<rootDir>/.tmp/', '<rootDir>/dist/'],
  // npm test runs Jest with --forceExit: a suite that fails part-way may still hold an API child process,
  // which would keep Jest from exiting; the children exit when Jest does (their IPC channel closes).
  // Generous: end-to-end suites start API processes, which take far longer on a loaded machine than on a quiet one.
  testTimeout: 120000,
  // Most suites spend their time waiting on child processes (API nodes, Chromium, the stand-in), so
  // two workers on a 2-core machine nearly halve the run; Jest's default (cores - 1) ran one at a time,
  // and CI runs the suite twice (Node 20 and 24) within its 30 minutes.
  maxWorkers: Math.max(2, availableParallelism() - 1),
  // The console's browser and serving tests use the built console: built here once, when stale.
  globalSetup: '<rootDir>/test/support/console/console-bundle.global-setup.mjs',
};
