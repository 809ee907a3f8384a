import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('package-lock.json', () => {
  it('lists the platform-specific optional binaries npm ci expects (see scripts/complete-lockfile.mjs)', () => {
    const run = spawnSync(process.execPath, ['scripts/complete-lockfile.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
