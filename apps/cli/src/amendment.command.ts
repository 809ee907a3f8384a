import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { Logger } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { openConfiguredStore, openReadModelDatabase, type StoreSettings } from '#api-kit';
import { analyseImpact, DETERMINATION_ISSUED, DETERMINATION_STREAM_PREFIX, PROJECTION_NAME, readCheckpoint } from '#determinations';
import { DomainError, documentToEvents, parseInstant, policyStreamName, type AmendmentState, type Instant } from '#domain';
import { SqliteEventStore, type EventStore } from '#event-store';
import { amendmentDocument, AmendmentStore, draftAmendment, publishAmendment, redlineOfAmendment, toRecordedPolicyEvent, type LoadedAmendment } from '#policy';
import { exportPolicyFiles, formatProblem, loadPolicyFile, PolicyFileError, type ExportedFile } from '#policy-files';
import { ACTOR_OPTIONS, actorOf } from './actor-options.js';
import { CliError, usageError } from './cli-error.js';
import type { Output } from './output.js';
import { writePolicyDirectory } from './export.command.js';
import { redlineLines } from './redline-text.js';
import { policyDirectoryIn, readStoredPolicies } from './stored-policies.js';
import { ProgressBar, stderrProgress, type ProgressSink } from './progress-bar.js';
import { STORE_OPTIONS, storeSettings } from './store-options.js';

const STEPS = 'draft, show, impact or publish';

/** `policyctl amendment draft | show | impact | publish`: the amendment lifecycle steps an operator runs on the store. */
export async function amendment(args: string[], out: Output, now: () => Instant, progress: ProgressSink = stderrProgress): Promise<void> {
  const [step, ...rest] = args;
  if (step === 'draft') return draft(rest, out, now);
  if (step === 'show') return show(rest, out);
  if (step === 'impact') return impact(rest, out, now, progress);
  if (step === 'publish') return publish(rest, out, now);
  throw usageError(step === undefined ? `amendment needs a step: ${STEPS}` : `unknown amendment step '${step}': ${STEPS}`);
}

/** `amendment draft --file change.yaml`: a policy file's changes recorded as a new draft; its id comes from the store. */
async function draft(args: string[], out: Output, now: () => Instant): Promise<void> {
  const { values, positionals } = parse(args, { file: { type: 'string' }, commandId: { type: 'string' }, 'command-id': { type: 'string' }, ...ACTOR_OPTIONS });
  if (positionals.length > 0) throw usageError(`amendment draft takes no arguments, got '${positionals[0]}'`);
  if (values.file === undefined) throw usageError('amendment draft needs --file <change.yaml>');
  if (!existsSync(values.file)) throw new CliError(`--file: cannot read ${values.file}`);
  const actor = actorOf(values);
  // The file is a policy document (policies/*.yaml), checked by the same loader; its id names the file, not the amendment.
  const { policyId, title, rationale, source, changes } = loadPolicyFile(values.file);
  const commandId = values.commandId ?? values['command-id'];
  await withStore(values, async (store) => {
    const loaded = await draftAmendment(new AmendmentStore(store), () => ({ policyId, title, rationale, source, changes }), actor, { commandId, now });
    out.stdout(describe(loaded));
  });
}

/** `amendment show <id> [--redline]`: the amendment, its history, and on request its redline against the policy. */
async function show(args: string[], out: Output): Promise<void> {
  const { values, positionals } = parse(args, { redline: { type: 'boolean' } });
  if (positionals.length !== 1) throw usageError('amendment show takes one amendment id');
  const [amendmentId] = positionals as [string];
  await withStore(values, async (store) => {
    const { state } = await new AmendmentStore(store).load(amendmentId);
    if (state.status === null) throw new DomainError('NOT_FOUND', `amendment '${amendmentId}' does not exist`, { amendmentId });
    for (const line of summaryLines(state)) out.stdout(line);
    if (!values.redline) return;
    const recorded = (await store.readStream(policyStreamName(state.policyId))).map(toRecordedPolicyEvent);
    out.stdout('');
    for (const line of redlineLines(redlineOfAmendment(state, recorded), out.colour === true)) out.stdout(line);
  });
}

/** `amendment impact <id>`: every recorded determination (in the window) re-evaluated with and without the amendment. */
async function impact(args: string[], out: Output, now: () => Instant, progress: ProgressSink): Promise<void> {
  const { values, positionals } = parse(args, { 'valid-from': { type: 'string' }, 'valid-to': { type: 'string' }, workers: { type: 'string' } });
  if (positionals.length !== 1) throw usageError('amendment impact takes one amendment id');
  const [amendmentId] = positionals as [string];
  const validFrom = values['valid-from'] === undefined ? undefined : instant(values['valid-from'], '--valid-from');
  const validTo = values['valid-to'] === undefined ? undefined : instant(values['valid-to'], '--valid-to');
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) throw usageError(`--workers must be a whole number, not '${values.workers}'`);

  await withStore(values, async (store, settings) => {
    const { state } = await new AmendmentStore(store).load(amendmentId);
    if (state.status === null) throw new DomainError('NOT_FOUND', `amendment '${amendmentId}' does not exist`, { amendmentId });
    if (state.status === 'PUBLISHED' || state.status === 'WITHDRAWN') {
      throw new CliError(`amendment '${amendmentId}' is ${state.status}; only unpublished amendments have an impact to analyse`);
    }
    const recorded = (await store.readStream(policyStreamName(state.policyId))).map(toRecordedPolicyEvent);
    const staged = documentToEvents(amendmentDocument(state));
    const db = openReadModelDatabase(store, settings);
    try {
      await warnIfBehind(store, db, out);
      const bar = new ProgressBar(`impact of ${amendmentId}`, progress);
      const knownAt = now();
      const report = await analyseImpact(
        db,
        { policyId: state.policyId, recorded, staged, knownAt },
        { validFrom, validTo },
        { workers, onProgress: (done, total) => bar.update(done, total) },
      );
      bar.finish();
      out.stdout(
        JSON.stringify(
          { amendmentId, policyId: state.policyId, status: state.status, knownAt, validFrom: validFrom ?? null, validTo: validTo ?? null, ...report },
          null,
          2,
        ),
      );
    } finally {
      if (db.open && !(store instanceof SqliteEventStore && db === store.database)) db.close();
    }
  });
}

/**
 * `amendment publish <id> [--write-file <dir>]`: an APPROVED amendment's changes appended to its
 * policy; with --write-file, also its policy file written where `policyctl export` would write it,
 * so the repository holds what the store does. The file is laid out (and checked to load in its
 * place) before anything is published: an amendment the files cannot hold is not published.
 */
async function publish(args: string[], out: Output, now: () => Instant): Promise<void> {
  const { values, positionals } = parse(args, { ...ACTOR_OPTIONS, 'write-file': { type: 'string' } });
  if (positionals.length !== 1) throw usageError('amendment publish takes one amendment id');
  const [amendmentId] = positionals as [string];
  const actor = actorOf(values);
  const writeTo = values['write-file'];
  await withStore(values, async (store) => {
    const file = writeTo === undefined ? undefined : await plannedFile(store, amendmentId);
    let published: LoadedAmendment;
    try {
      published = await publishAmendment(store, new AmendmentStore(store), amendmentId, actor, now);
    } catch (error) {
      if (error instanceof DomainError && error.details.reason === 'WRONG_STATE' && error.details.status !== 'PUBLISHED') {
        throw new CliError(
          `${error.message}. Approval is a second person's step, through the API (submitAmendment, then approveAmendment by someone who did not write it).`,
        );
      }
      throw error;
    }
    const { state } = published;
    out.stdout(
      `published amendment ${state.amendmentId}: ${changes(state)} appended to policy ${state.policyId} at position ${state.publication?.policyPosition ?? '?'}`,
    );
    if (writeTo !== undefined && file) {
      const target = policyDirectoryIn(writeTo, state.policyId);
      writePolicyDirectory(target, { files: [file] }, false);
      out.stdout(`wrote ${join(target, file.name)}`);
    }
  });
}

/**
 * The policy file an APPROVED amendment will have once published: the store's history exported
 * with its changes appended. Undefined for any other status (publishing refuses those itself).
 */
async function plannedFile(store: EventStore, amendmentId: string): Promise<ExportedFile | undefined> {
  const { state } = await new AmendmentStore(store).load(amendmentId);
  if (state.status !== 'APPROVED') return undefined;
  const [policy] = await readStoredPolicies(store, state.policyId);
  const recorded = policy?.recorded ?? [];
  const head = recorded.at(-1)?.position ?? 0;
  const staged = documentToEvents(amendmentDocument(state)).map((event, index) => ({ event, position: head + index + 1, metadata: {} }));
  const titles = new Map([...(policy?.titles ?? []), [amendmentId, state.title]]);
  try {
    const planned = exportPolicyFiles(state.policyId, [...recorded, ...staged], titles);
    return planned.files.find((file) => file.documentId === amendmentId);
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    throw new CliError(
      `not published: with --write-file the amendment must fit the policy files, and it does not:\n${error.problems.map(formatProblem).join('\n')}`,
    );
  }
}

function parse<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options: { ...STORE_OPTIONS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError((error as Error).message);
  }
}

async function withStore(
  values: { store?: string; 'data-dir'?: string; 'connection-string'?: string },
  work: (store: EventStore, settings: StoreSettings) => Promise<void>,
): Promise<void> {
  const settings = storeSettings(values, process.env);
  // Nest's logger writes to stdout: keep stdout for the result.
  Logger.overrideLogger(false);
  const store = openConfiguredStore(settings);
  try {
    await work(store, settings);
  } finally {
    await store.close();
  }
}

/**
 * The read model is kept by the API's projection; policyctl only reads it. Determinations
 * recorded after its checkpoint are not in the analysis: say so rather than report less.
 */
async function warnIfBehind(store: EventStore, db: Database.Database, out: Output): Promise<void> {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rm_determinations'").get();
  if (!table) throw new CliError('the determinations read model does not exist yet: start the API once, or run policyctl rebuild');
  const checkpoint = readCheckpoint(db, PROJECTION_NAME) ?? 0;
  const newer = await store.readAll({ fromPosition: checkpoint, streamPrefix: DETERMINATION_STREAM_PREFIX, eventTypes: [DETERMINATION_ISSUED], maxCount: 1 });
  if (newer.length > 0) {
    out.stderr(
      `policyctl: warning: the determinations read model is behind the store (projected up to position ${checkpoint}; determinations recorded since are not counted). Start the API to let it catch up, or run policyctl rebuild with the API stopped.`,
    );
  }
}

function describe({ state }: LoadedAmendment): string {
  return `amendment ${state.amendmentId} ${state.status ?? 'DRAFT'} version ${state.version}: "${state.title}", ${changes(state)} to policy ${state.policyId}, based on policy position ${state.base.position}`;
}

function summaryLines(state: AmendmentState): string[] {
  const { source } = state;
  return [
    describe({ state, position: 0 }),
    `author: ${state.author}${state.approvals.length > 0 ? `; approved by ${state.approvals.map((approval) => approval.by).join(', ')}` : ''}`,
    ...(source ? [`source: ${source.citation}, published ${source.publishedAt.slice(0, 10)}${source.url ? ` (${source.url})` : ''}`] : []),
    'history:',
    ...state.history.map((entry) => `  ${entry.at} ${entry.type} by ${entry.actor}${entry.note ? `: ${entry.note}` : ''}`),
  ];
}

function changes(state: AmendmentState): string {
  return `${state.changes.length} change${state.changes.length === 1 ? '' : 's'}`;
}

function instant(text: string, option: string): Instant {
  try {
    return parseInstant(text, option);
  } catch {
    throw usageError(`${option}: '${text}' is not an ISO 8601 date (2025-06-01) or date-time with an offset`);
  }
}
