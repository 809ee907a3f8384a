import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(root, 'apps', 'cli', 'bin', 'policyctl.js');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs policyctl as a user would, from the repository root; the launcher compiles dist/ if it is stale. */
function policyctl(args: string[], stdin?: string): Run {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: root, input: stdin, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const india400 = JSON.stringify({
  destination: 'IN',
  consignee: { id: 'in-1', country: 'IN', headquarters: 'IN' },
  items: [{ kind: 'INTEGRATED_CIRCUIT', tpp: 15831, performanceDensity: 19.4, quantity: 400 }],
});

function noStackTrace(run: Run): void {
  expect(run.stderr).not.toMatch(/^\s+at /m);
}

describe('policyctl validate', () => {
  it('passes policies/ with a summary line', () => {
    const run = policyctl(['validate', 'policies/']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^ok policies\/ai-export-controls: policy ai-export-controls, \d+ files, \d+ changes\n$/);
    expect(run.status).toBe(0);
  });

  it('fails a bad directory, printing file:line:col problems', () => {
    const run = policyctl(['validate', 'libs/policy-files/test-fixtures/unknown-country']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      "libs/policy-files/test-fixtures/unknown-country/2025-02-01-unknown-country.yaml:9:53: changes[1].country: 'XK' is not an ISO 3166-1 alpha-2 country code",
    );
    expect(run.status).toBe(1);
    noStackTrace(run);
  });

  it('refuses a missing directory argument as a usage error', () => {
    const run = policyctl(['validate']);
    expect(run.stderr).toContain('validate takes one directory');
    expect(run.status).toBe(2);
  });
});

describe('policyctl evaluate', () => {
  it('prints the determination as JSON: 400 H100 to India in June 2025 ship under LPP, enforcement suspended', () => {
    const run = policyctl(['evaluate', '--input', '-', '--valid-at', '2025-06-01', '--known-at', '2026-07-23'], india400);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.outcome).toBe('LICENSE_EXCEPTION');
    expect(result.exceptions).toEqual(['LPP']);
    expect(result.enforcement.map((note: { regime: string; status: string }) => [note.regime, note.status])).toEqual([['ai-diffusion', 'SUSPENDED']]);
    expect(result.policyVersion.knownAt).toBe('2026-07-23T00:00:00.000Z');
  });

  it('applies --ledger and --published-by', () => {
    const run = policyctl(['evaluate', '--input', '-', '--valid-at', '2025-06-01', '--published-by', '2025-05-12', '--ledger', '{"LPP": 21000000}'], india400);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([result.outcome, result.reviewPolicy]).toEqual(['LICENSE_REQUIRED', 'PRESUMPTION_OF_APPROVAL']);
    expect(result.enforcement[0].status).toBe('ENFORCED');
  });

  it('reports an invalid input clearly, with exit 1 and no stack trace', () => {
    const run = policyctl(['evaluate', '--input', '-', '--valid-at', '2025-06-01'], '{"destination": "XX"}');
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('policyctl: destination must be an ISO 3166-1 alpha-2 code such as "DE", got "XX"\n');
    expect(run.status).toBe(1);
  });

  it('refuses a misspelt field with its path and the field meant, exit 1, evaluating nothing', () => {
    const misspelt = india400.replace('"destination"', '"destinaton"');
    const run = policyctl(['evaluate', '--input', '-', '--valid-at', '2025-06-01'], misspelt);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('policyctl: destinaton is not a field of DeterminationInput; did you mean destination?\n');
    expect(run.status).toBe(1);
    const item = policyctl(['evaluate', '--input', '-', '--valid-at', '2025-06-01'], india400.replace('"quantity"', '"quantiy"'));
    expect(item.stderr).toBe('policyctl: items.0.quantiy is not a field of ItemInput; did you mean quantity?\n');
    expect(item.status).toBe(1);
  });

  it("accepts the README's variables document, with validAt in it, and names paths inside it", () => {
    const document = JSON.stringify({ input: JSON.parse(india400), validAt: '2025-06-01' });
    const run = policyctl(['evaluate', '--input', '-', '--known-at', '2026-07-23'], document);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect([result.outcome, result.exceptions, result.policyVersion.validAt]).toEqual(['LICENSE_EXCEPTION', ['LPP'], '2025-06-01T00:00:00.000Z']);
    const evaluateShape = JSON.stringify({ input: JSON.parse(india400), at: { validAt: '2025-06-01', knownAt: '2026-07-23' } });
    expect(JSON.parse(policyctl(['evaluate', '--input', '-'], evaluateShape).stdout).policyVersion.knownAt).toBe('2026-07-23T00:00:00.000Z');
    const wrong = policyctl(['evaluate', '--input', '-'], JSON.stringify({ input: { ...JSON.parse(india400), endUze: 'x' }, validAt: '2025-06-01' }));
    expect(wrong.stderr).toBe('policyctl: input.endUze is not a field of DeterminationInput; did you mean endUse?\n');
    expect(wrong.status).toBe(1);
    const extra = policyctl(['evaluate', '--input', '-'], JSON.stringify({ input: JSON.parse(india400), validat: '2025-06-01' }));
    expect(extra.stderr).toContain('validat is not a field of the variables document');
    expect(extra.status).toBe(1);
  });

  it('refuses a missing --valid-at as a usage error', () => {
    const run = policyctl(['evaluate', '--input', '-'], india400);
    expect(run.stderr).toContain('evaluate needs --valid-at <date> (or validAt in the variables document)');
    expect(run.status).toBe(2);
    noStackTrace(run);
  });
});

describe('policyctl import and rebuild', () => {
  const dataDir = join(root, '.tmp', `policyctl-store-${process.pid}`);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('records the policy files once, however often it runs', () => {
    const first = policyctl(['import', 'policies/', '--data-dir', dataDir]);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/policy ai-export-controls, 20 new, 0 already recorded, head position \d+/);
    const second = policyctl(['import', 'policies/', '--data-dir', dataDir]);
    expect(second.stdout).toMatch(/0 new, 20 already recorded/);
  });

  it('rebuilds the read model from the store and prints only the result on stdout', () => {
    const run = policyctl(['rebuild', '--data-dir', dataDir]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('rebuilt determinations: 0 rows, up to position 0\n');
  });

  it('refuses a store it does not know, as a usage error', () => {
    const run = policyctl(['rebuild', '--store', 'postgres']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--store must be one of sqlite, eventstoredb, memory/);
    noStackTrace(run);
  });
});
