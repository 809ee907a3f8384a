import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

describe('schema.graphql', () => {
  it('is the schema the code generates (run `npm run schema` after changing the API)', () => {
    const run = spawnSync(
      process.execPath,
      ['--conditions=source', '--import', './test/support/ts-hooks/register-ts.mjs', 'apps/api/src/schema/schema-file.ts', '--check'],
      { cwd: root, encoding: 'utf8', env: { PATH: process.env.PATH } },
    );
    expect(run.stderr).not.toMatch(/differs/);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('matches the generated schema');
  });
});
