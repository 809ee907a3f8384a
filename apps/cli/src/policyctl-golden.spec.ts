import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { goldenMismatches, loadGoldenCases, loadGoldenPolicy } from '../../../test/golden/golden-cases.js';
import { evaluate } from './evaluate.command.js';
import type { Output } from './output.js';

const cases = loadGoldenCases();
const { knownAt } = loadGoldenPolicy();
const dir = mkdtempSync(join(tmpdir(), 'policyctl-golden-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Every golden case through `policyctl evaluate` as a user runs it: the input as the README's
 * variables document `{ input, validAt }` in a file, the other coordinates and the ledger as
 * options, the JSON read back from stdout. In process (a spawned run per case would take
 * minutes); policyctl.spec.ts runs the command line itself.
 */
describe('the golden table through policyctl evaluate', () => {
  it.each(cases.map((golden, index) => [golden.name, golden, index] as const))('%s', (_name, golden, index) => {
    const file = join(dir, `case-${index}.json`);
    writeFileSync(file, JSON.stringify({ input: golden.input, validAt: golden.validAt }));
    const args = ['--input', file, '--known-at', golden.knownAt ?? knownAt];
    if (golden.publishedBy) args.push('--published-by', golden.publishedBy);
    if (golden.ledger) args.push('--ledger', JSON.stringify(golden.ledger));
    const stdout: string[] = [];
    const stderr: string[] = [];
    const out: Output = { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(line) };
    evaluate(args, out, () => knownAt);
    expect(stderr).toEqual([]);
    expect(goldenMismatches(golden, JSON.parse(stdout.join('\n')))).toEqual([]);
  });
});
