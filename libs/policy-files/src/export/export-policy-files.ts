import { documentToEvents, eventsToDocument, parseInstant, type Instant, type PolicyDocument } from '#domain';
import { loadPolicyTexts } from '../load-policy-directory.js';
import { recordingDate } from '../offline-timeline.js';
import { PolicyFileError } from '../policy-file-error.js';
import { readPolicyText } from '../read-policy-file.js';
import { formatPolicyFile } from './format-policy-file.js';
import { legalActionsOf, sameEvents, type RecordedLegalAction, type StoredPolicyEvent } from './legal-actions.js';

/** One file of an exported policy directory. */
export interface ExportedFile {
  documentId: string;
  /** e.g. 2025-01-13-ai-diffusion-ifr.yaml */
  name: string;
  text: string;
  /** Written back as it was imported (comments kept), rather than laid out from the store. */
  asImported: boolean;
  /** The day it joins the record offline (its recordedOn, else its source's publication date). */
  recordedOn: Instant;
}

export interface PolicyExport {
  policyId: string;
  files: ExportedFile[];
  /** What the reader should know: a recorded file that no longer matches, a title the store never had. */
  warnings: string[];
}

/** A hand-written file's id: its publication date and a slug. An id like this names its own file. */
const FILE_ID = /^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * A policy's recorded history as policy files, one per legal action, in the order recorded.
 * A legal action imported from a file is written back as that file, comments and layout
 * included, once checked to read as the changes recorded. Any other (an amendment published
 * through the API) is laid out by formatPolicyFile under `<publication date>-<title slug>.yaml`,
 * its store id kept in `amendmentId`. `titles` gives each amendment's title (its events do not
 * carry one).
 *
 * The files are then loaded as `policyctl import` would load them and must record the same
 * events in the same order; so importing them into an empty store gives the same state at every
 * coordinate. A legal action recorded after one with a later date states recordedOn (see
 * withRecordingDate); a history that still would not load back the same says so and exports nothing.
 * @throws PolicyFileError when the files would not load or would record another history
 */
export function exportPolicyFiles(policyId: string, recorded: readonly StoredPolicyEvent[], titles: ReadonlyMap<string, string>): PolicyExport {
  const warnings: string[] = [];
  const files: ExportedFile[] = [];
  const names = new Set<string>();
  let recordedBy: Instant | undefined;
  for (const action of legalActionsOf(recorded)) {
    const file = asImported(action, warnings) ?? laidOut(policyId, action, titles, { file: files.at(-1)?.name, recordedBy }, names, warnings);
    names.add(file.name);
    files.push(file);
    recordedBy = file.recordedOn;
  }
  checkRoundTrip(policyId, files, recorded);
  return { policyId, files, warnings };
}

function asImported(action: RecordedLegalAction, warnings: string[]): ExportedFile | undefined {
  if (!action.file) return undefined;
  const reading = readPolicyText(action.file.name, action.file.text);
  if (reading.file && sameEvents(documentToEvents(reading.file.document), action.events)) {
    return { documentId: action.id, name: action.file.name, text: action.file.text, asImported: true, recordedOn: recordingDate(reading.file.document) };
  }
  warnings.push(`${action.file.name}: the file recorded with ${action.id} does not read as its recorded changes; written from the store instead`);
  return undefined;
}

function laidOut(
  policyId: string,
  action: RecordedLegalAction,
  titles: ReadonlyMap<string, string>,
  previous: { file: string | undefined; recordedBy: Instant | undefined },
  taken: ReadonlySet<string>,
  warnings: string[],
): ExportedFile {
  let title = titles.get(action.id);
  if (title === undefined) {
    title = `Legal action ${action.id}`;
    warnings.push(`${action.id}: the store records no title for it (imported without its file); titled '${title}'`);
  }
  const document = withRecordingDate(eventsToDocument(action.events, { id: action.id, policyId, title }), previous.recordedBy);
  const recordedOn = recordingDate(document);
  const fileId = FILE_ID.test(action.id) ? action.id : fileIdFor(recordedOn.slice(0, 10), title, previous.file, taken);
  return { documentId: action.id, name: `${fileId}.yaml`, text: formatPolicyFile(document, fileId), asImported: false, recordedOn };
}

/**
 * Files are recorded in the order of their recording date (recordedOn, else the source's
 * publication date). A legal action recorded after one with a later date (a correction, or an
 * amendment citing an older source) states recordedOn, as a hand-written correction does: the
 * date its own id begins with when that is late enough (a file imported without its text keeps
 * its date), else the date of the file recorded before it. The store keeps no recording date in
 * the events, so this is the earliest day consistent with the order the store recorded.
 */
function withRecordingDate(document: PolicyDocument, recordedBy: Instant | undefined): PolicyDocument {
  if (recordedBy === undefined || document.source.publishedAt >= recordedBy) return document;
  const named = FILE_ID.test(document.id) ? parseInstant(document.id.slice(0, 10)) : undefined;
  return { ...document, recordedOn: named !== undefined && named >= recordedBy ? named : recordedBy };
}

/**
 * `<date>-<slug>`, sorting after the file recorded before it. On the same date a slug that sorts
 * earlier is put after the previous file's name instead; a clash gets a number.
 */
export function fileIdFor(date: string, title: string, previous: string | undefined, taken: ReadonlySet<string>): string {
  const slug = slugOf(title);
  const previousId = previous?.replace(/\.ya?ml$/, '');
  let base = `${date}-${slug}`;
  if (previousId !== undefined && previousId.startsWith(date) && base <= previousId) base = `${previousId}-${slug}`;
  let id = base;
  for (let n = 2; taken.has(`${id}.yaml`); n++) id = `${base}-${n}`;
  return id;
}

function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug === '' ? 'amendment' : slug;
}

/** The files must load, and record exactly the events the store holds, in its order. */
function checkRoundTrip(policyId: string, files: readonly ExportedFile[], recorded: readonly StoredPolicyEvent[]): void {
  let loaded;
  try {
    loaded = loadPolicyTexts(policyId, files);
  } catch (error) {
    if (!(error instanceof PolicyFileError)) throw error;
    throw new PolicyFileError(
      error.problems.map((problem) => ({ ...problem, reason: `the store's history does not make a policy directory that loads: ${problem.reason}` })),
    );
  }
  const inNameOrder = loaded.documents.map((document) => document.id);
  const recordedOrder = legalActionsOf(recorded).map((action) => action.id);
  const firstOut = inNameOrder.findIndex((id, index) => id !== recordedOrder[index]);
  if (firstOut >= 0) {
    const nameOf = (id: string) => files.find((file) => file.documentId === id)?.name ?? id;
    throw new PolicyFileError([
      {
        file: nameOf(inNameOrder[firstOut]),
        line: 1,
        col: 1,
        reason: `would be recorded before ${nameOf(recordedOrder[firstOut])}, which the store recorded first: files are named by publication date and recorded in name order, and this history cannot be written so`,
      },
    ]);
  }
  if (
    !sameEvents(
      loaded.documents.flatMap((document) => documentToEvents(document)),
      recorded.map((held) => held.event),
    )
  ) {
    throw new PolicyFileError([{ file: policyId, line: 1, col: 1, reason: "the exported files would record other changes than the store's" }]);
  }
}
