import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { API_NODE_FLAGS } from '../../apps/api/src/node-flags.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

// The API ships with these flags (apps/api/src/node-flags.ts): every way of starting it gives them.
describe('the flags Node starts the API with', () => {
  it('are the ones the Dockerfile starts it with', () => {
    const dockerfile = readFileSync(`${root}Dockerfile`, 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)?.[1];

    expect(JSON.parse(cmd ?? 'null')).toEqual(['node', ...API_NODE_FLAGS, 'dist/apps/api/src/main.js']);
  });

  it('are the ones `npm start` starts it with', () => {
    const { scripts } = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { scripts: Record<string, string> };

    expect(scripts.start).toBe(`npm run build && node ${API_NODE_FLAGS.join(' ')} dist/apps/api/src/main.js`);
  });
});
