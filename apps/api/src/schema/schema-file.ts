// Writes the GraphQL schema the code generates to schema.graphql, or with --check exits 1 when
// the committed file differs. Runs the real app on an in-memory store so that every resolver,
// type and scalar registered at start is included.
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createApp } from '../app-factory.js';

const target = resolve(process.argv.find((arg) => arg.endsWith('.graphql')) ?? 'schema.graphql');
const check = process.argv.includes('--check');
const dataDir = mkdtempSync(join(tmpdir(), 'policy-ledger-schema-'));
const app = await createApp({
  ...process.env,
  EVENT_STORE: 'memory',
  DATA_DIR: dataDir,
  AUTH_JWT_SECRET: 'schema-printing-secret-0123456789abcdef',
  LOG_LEVEL: 'warn',
});
const printed = `${printSchema(lexicographicSortSchema(app.get(GraphQLSchemaHost).schema))}\n`;
await app.close();
rmSync(dataDir, { recursive: true, force: true });

if (!check) {
  writeFileSync(target, printed);
  console.log(`wrote ${target}`);
} else {
  const committed = (() => {
    try {
      return readFileSync(target, 'utf8');
    } catch {
      return '';
    }
  })();
  if (committed !== printed) {
    console.error(`${target} differs from the schema the code generates: run \`npm run schema\` and commit it.`);
    process.exit(1);
  }
  console.log(`${target} matches the generated schema`);
}
