import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const depcruise = join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A small tree that breaks each layering rule once, cruised with the project's own configuration. */
const offendingTree: Record<string, string> = {
  'libs/domain/src/rules/rule.ts': "import '../policy/state.js';\nexport const rule = 1;\n",
  'libs/domain/src/policy/state.ts': "import '../rules/rule.js';\nexport const state = 1;\n",
  'libs/domain/src/time/clock.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
  'libs/store/src/store.ts': "import '../../../apps/api/main.js';\nexport const store = 1;\n",
  'apps/api/main.ts': "import '../../test/support/hooks.js';\nexport const main = 1;\n",
  'test/support/hooks.ts': 'export const hooks = 1;\n',
  'libs/domain/src/time/clock.spec.ts': "import '../../../../test/support/hooks.js';\nimport 'node:fs';\n",
  'libs/event-store/src/index.ts': "export * from './adapters/sqlite.js';\n",
  'libs/event-store/src/adapters/sqlite.ts': "import 'better-sqlite3';\nexport const sqlite = 1;\n",
  'libs/event-store/src/hash.ts': "import '../../domain/src/policy/state.js';\nexport const hash = 1;\n",
  'node_modules/better-sqlite3/package.json': '{ "name": "better-sqlite3", "main": "index.js" }\n',
  'node_modules/better-sqlite3/index.js': 'module.exports = {};\n',
};

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

describe('layering rules (.dependency-cruiser.cjs, run by npm run lint)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'layering-'));
    for (const [path, text] of Object.entries(offendingTree)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext' } }));
    copyFileSync(join(root, '.dependency-cruiser.cjs'), join(dir, '.dependency-cruiser.cjs'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cruise = (outputType: string) =>
    spawnSync(process.execPath, [depcruise, '--config', '.dependency-cruiser.cjs', '--output-type', outputType, 'apps', 'libs', 'test'], {
      cwd: dir,
      encoding: 'utf8',
    });

  it('refuses each forbidden dependency, and only those', () => {
    const violations: Violation[] = JSON.parse(cruise('json').stdout).summary.violations;
    const found = violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
    expect(found).toEqual([
      'domain-folders-acyclic: libs/domain/src/policy -> libs/domain/src/rules',
      'domain-folders-acyclic: libs/domain/src/rules -> libs/domain/src/policy',
      'domain-is-pure: libs/domain/src/time/clock.ts -> fs',
      'domain-modules-acyclic: libs/domain/src/policy/state.ts -> libs/domain/src/rules/rule.ts',
      'libs-do-not-import-apps: libs/store/src/store.ts -> apps/api/main.ts',
      'store-knows-no-domain: libs/event-store/src/hash.ts -> libs/domain/src/policy/state.ts',
      'store-port-loads-no-client: libs/event-store/src/index.ts -> node_modules/better-sqlite3/index.js',
      'test-code-stays-in-tests: apps/api/main.ts -> test/support/hooks.ts',
    ]);
  });

  it('fails the lint step (a non-zero exit) when any is broken', () => {
    const run = cruise('err');
    expect(run.stdout).toContain('8 errors');
    expect(run.status).not.toBe(0);
  });
});
