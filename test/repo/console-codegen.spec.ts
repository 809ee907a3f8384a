import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe("the console's operation types", () => {
  it('match schema.graphql and the operations (see scripts/console-codegen.mjs)', () => {
    const run = spawnSync(process.execPath, ['scripts/console-codegen.mjs', '--check'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
