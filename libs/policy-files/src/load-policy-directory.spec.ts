import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicyDirectory, PolicyFileError } from '#policy-files';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const policies = join(root, 'policies', 'ai-export-controls');

describe('loadPolicyDirectory on policies/ai-export-controls', () => {
  it('loads every file, in file name order', () => {
    let loaded;
    try {
      loaded = loadPolicyDirectory(policies);
    } catch (error) {
      if (error instanceof PolicyFileError) throw new Error(error.message);
      throw error;
    }
    expect(loaded.policyId).toBe('ai-export-controls');
    const ids = loaded.documents.map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids[0]).toBe('2022-10-07-advanced-computing-ifr');
  });
});
