// The layering rules CI checks (npm run depcruise, part of npm run lint). Why each exists:
// docs/adr/002-pure-domain.md and the README's Architecture section.
const tests = '(^test/|\\.(spec|int-spec|e2e-spec)\\.ts$|/testing/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports only itself and pure computation (CEL, RE2, jsdiff): no framework, no store client, no I/O.',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: tests },
      to: {
        dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown', 'core', 'unknown'],
        pathNot: ['(^|/)node_modules/@marcbachmann/cel-js/', '(^|/)node_modules/re2js/', '(^|/)node_modules/diff/', '^node:crypto$', '^crypto$'],
      },
    },
    {
      name: 'domain-folders-acyclic',
      comment: "libs/domain's folders form layers: time and errors, rules, policy, determination, replay and amendment.",
      severity: 'error',
      scope: 'folder',
      from: { path: '^libs/domain/' },
      to: { circular: true },
    },
    {
      name: 'domain-modules-acyclic',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: { circular: true },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'store-knows-no-domain',
      comment: 'The store library is generic: its owners register their event versions; only canonical JSON (the hash form) is shared.',
      severity: 'error',
      from: { path: '^libs/event-store/', pathNot: tests },
      to: { path: '^(libs/(?!event-store/)|apps/)', pathNot: '^libs/domain/src/policy/canonical-json\\.ts$' },
    },
    {
      name: 'store-port-loads-no-client',
      comment: 'Importing #event-store (the port) loads no database client: the adapters are #event-store/sqlite and #event-store/eventstoredb.',
      severity: 'error',
      from: { path: '^libs/event-store/src/index\\.ts$' },
      to: { path: '(^|/)node_modules/(better-sqlite3|@eventstore|@grpc)/', reachable: true },
    },
    {
      name: 'test-code-stays-in-tests',
      comment: 'Only tests import test/ and test support (testing/ folders); the app never loads them.',
      severity: 'error',
      from: { pathNot: tests },
      to: { path: tests },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^test/bench/peers/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      conditionNames: ['source', 'import', 'node', 'default'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
  },
};
