import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Logger } from '@nestjs/common';
import { openConfiguredStore } from '#api-kit';
import { documentToEvents, DomainError, parseInstant, PolicyTimeline, policyStreamName, type Instant, type PolicyEvent } from '#domain';
import { amendmentDocument, AmendmentStore, DEFAULT_POLICY_ID, toRecordedPolicyEvent } from '#policy';
import {
  lastRecordedAt,
  loadPolicyDirectory,
  loadPolicyFile,
  offlineTimeline,
  PolicyFileError,
  readCaseFile,
  report,
  REPORTERS,
  runPolicyTests,
  type PolicyTestCase,
  type PolicyUnderTest,
  type ReporterName,
  type RunContext,
} from '#policy-files';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';
import { STORE_OPTIONS, storeSettings } from './store-options.js';

const DEFAULT_POLICIES = 'policies/ai-export-controls';

/**
 * `policyctl test <files | dirs>`: runs case files against the policy files (or, with store
 * options, the store's policy), optionally with an amendment applied; exit 0 when every case
 * passes, 1 when any fails.
 */
export async function test(args: string[], out: Output, now: () => Instant): Promise<void> {
  const { values, positionals } = parseOptions(args);
  if (positionals.length === 0) throw usageError('test needs case files or directories, e.g. policyctl test test/golden');
  const reporter = (values.reporter ?? 'text') as ReporterName;
  if (!REPORTERS.includes(reporter)) throw usageError(`--reporter must be one of ${REPORTERS.join(', ')}, not '${values.reporter}'`);
  const knownAt = values['known-at'] === undefined ? undefined : instant(values['known-at'], '--known-at');
  const publishedBy = values['published-by'] === undefined ? undefined : instant(values['published-by'], '--published-by');
  const cases = readCases(positionals).map((testCase) => ({
    ...testCase,
    ...(testCase.knownAt === undefined && knownAt ? { knownAt } : {}),
    ...(testCase.publishedBy === undefined && publishedBy ? { publishedBy } : {}),
  }));

  const amendment = values['with-amendment'];
  const amendmentFile = amendment !== undefined && existsSync(amendment) && statSync(amendment).isFile() ? amendment : undefined;
  const fromStore =
    values.store !== undefined || values['data-dir'] !== undefined || values['connection-string'] !== undefined || (amendment !== undefined && !amendmentFile);
  const { policy, context, staged } = fromStore
    ? await againstStore(values, amendmentFile ? undefined : amendment, now)
    : againstFiles(values.policies ?? DEFAULT_POLICIES);

  let applied = staged;
  if (amendmentFile) {
    const document = loadPolicyFile(amendmentFile);
    if (document.policyId !== policy.timeline.policyId) {
      throw new CliError(`--with-amendment: ${amendmentFile} changes policy '${document.policyId}', not '${policy.timeline.policyId}'`);
    }
    applied = documentToEvents(document);
    context.amendment = { id: document.id, title: document.title };
  }
  const run = await runPolicyTests(cases, policy, applied ? { staged: applied } : {});
  out.stdout(report(reporter, run, context));
  if (run.failed > 0) throw new CliError(`${run.failed} of ${run.total} cases failed`);
}

function againstFiles(dir: string): { policy: PolicyUnderTest; context: RunContext; staged?: PolicyEvent[] } {
  const timeline = offlineTimeline(loadPolicyDirectory(dir));
  return { policy: { timeline, knownAt: lastRecordedAt(timeline) }, context: { policy: `the policy files in ${dir}` } };
}

async function againstStore(
  values: { store?: string; 'data-dir'?: string; 'connection-string'?: string; policy?: string },
  amendmentId: string | undefined,
  now: () => Instant,
): Promise<{ policy: PolicyUnderTest; context: RunContext; staged?: PolicyEvent[] }> {
  const settings = storeSettings(values, process.env);
  Logger.overrideLogger(false);
  const store = openConfiguredStore(settings);
  try {
    let policyId = values.policy ?? DEFAULT_POLICY_ID;
    let staged: PolicyEvent[] | undefined;
    let amendment: RunContext['amendment'];
    if (amendmentId !== undefined) {
      const { state } = await new AmendmentStore(store).load(amendmentId);
      if (state.status === null) throw new CliError(`--with-amendment: '${amendmentId}' is neither a file nor an amendment in the store`);
      if (state.status === 'PUBLISHED' || state.status === 'WITHDRAWN') {
        throw new CliError(
          `--with-amendment: amendment '${amendmentId}' is ${state.status}; only an unpublished amendment can be applied on top of the policy`,
        );
      }
      policyId = state.policyId;
      staged = documentToEvents(amendmentDocument(state));
      amendment = { id: amendmentId, title: state.title };
    }
    const recorded = (await store.readStream(policyStreamName(policyId))).map(toRecordedPolicyEvent);
    if (recorded.length === 0) throw new CliError(`the store holds no policy '${policyId}'`);
    return {
      policy: { timeline: new PolicyTimeline(policyId, recorded), knownAt: now() },
      context: { policy: `policy ${policyId} in the store`, ...(amendment ? { amendment } : {}) },
      staged,
    };
  } finally {
    await store.close();
  }
}

/** Every case of the files named, and of the *.yaml files under the directories named, in path order. */
function readCases(paths: readonly string[]): PolicyTestCase[] {
  const files = paths.flatMap((path) => {
    if (!existsSync(path)) throw new CliError(`cannot read ${path}`);
    return statSync(path).isDirectory() ? caseFilesUnder(path) : [path];
  });
  if (files.length === 0) throw new CliError(`no case files (*.yaml) in ${paths.join(', ')}`);
  const cases: PolicyTestCase[] = [];
  const problems = [];
  for (const file of files) {
    const read = readCaseFile(file, readFileSync(file, 'utf8'));
    cases.push(...read.cases);
    problems.push(...read.problems);
  }
  if (problems.length > 0) throw new PolicyFileError(problems);
  return cases;
}

function caseFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return caseFilesUnder(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });
}

function parseOptions(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        ...STORE_OPTIONS,
        'with-amendment': { type: 'string' },
        'known-at': { type: 'string' },
        'published-by': { type: 'string' },
        reporter: { type: 'string' },
        policies: { type: 'string' },
        policy: { type: 'string' },
      },
    });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

function instant(text: string, option: string): Instant {
  try {
    return parseInstant(text, option);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    throw usageError(`${option}: '${text}' is not an ISO 8601 date (2025-06-01) or date-time with an offset`);
  }
}
