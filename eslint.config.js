import tseslint from 'typescript-eslint';

// The domain library stays pure: no framework, no store client, no I/O (docs/adr/002-pure-domain.md).
const forbiddenInDomain = [
  { group: ['@nestjs/*'], message: 'libs/domain is pure: no Nest.' },
  { group: ['@eventstore/*'], message: 'libs/domain is pure: no store client.' },
  { group: ['better-sqlite3'], message: 'libs/domain is pure: no database.' },
  { group: ['class-validator', 'class-transformer'], message: 'libs/domain is pure: validation lives in the shell.' },
  {
    group: [
      'fs',
      'node:fs',
      'fs/*',
      'node:fs/*',
      'net',
      'node:net',
      'http',
      'node:http',
      'child_process',
      'node:child_process',
      'worker_threads',
      'node:worker_threads',
    ],
    message: 'libs/domain does no I/O.',
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'test/bench/peers/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='it'][callee.property.name='skip']", message: 'Do not skip tests silently.' },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: forbiddenInDomain }],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'libs/domain never reads the clock: pass time in.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'libs/domain never reads the clock: pass time in.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'libs/domain is deterministic: pass ids in.' },
        { selector: "CallExpression[callee.name='randomUUID']", message: 'libs/domain is deterministic: pass ids in.' },
      ],
    },
  },
  {
    // The audit verifier runs in browsers too (the lawyer's console): no Node APIs.
    files: ['libs/audit/**/*.ts'],
    ignores: ['libs/audit/**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'crypto', 'path', 'buffer', 'worker_threads', '@nestjs/*', 'better-sqlite3', '#event-store', '#domain'],
              message: 'libs/audit runs in browsers: no Node APIs, no server libraries.',
            },
          ],
        },
      ],
    },
  },
);
