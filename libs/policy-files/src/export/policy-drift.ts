import { canonicalJson, documentToEvents, type PolicyEvent } from '#domain';
import type { PolicyDirectory } from '../load-policy-directory.js';
import { legalActionsOf, sameEvents, type StoredPolicyEvent } from './legal-actions.js';

/** One difference: about a file of the directory, or (no file) about the policy. */
export interface DriftLine {
  file?: string;
  message: string;
}

/** Differences shown per legal action before the rest is summed up. */
const MAX_FIELDS_SHOWN = 5;

/**
 * Every difference between a policy directory and the policy the store recorded, one line each:
 * a legal action recorded without a file, a file the store does not hold, a file whose changes
 * differ from the recorded ones (field by field), and files whose name order is not the order
 * recorded. Layout and comments are not differences; the law is. Empty when they agree.
 */
export function policyDrift(directory: PolicyDirectory | null, recorded: readonly StoredPolicyEvent[]): DriftLine[] {
  const stored = legalActionsOf(recorded);
  const files = directory ? directory.documents.map((document, index) => ({ document, name: directory.files[index].name })) : [];
  const fileOf = new Map(files.map((file) => [file.document.id, file]));
  const storedIds = new Set(stored.map((action) => action.id));
  const drift: DriftLine[] = [];

  for (const action of stored) {
    const file = fileOf.get(action.id);
    if (!file) {
      const changes = `${action.events.length} change${action.events.length === 1 ? '' : 's'}`;
      drift.push({ message: `${action.id}: recorded in the store (${changes} at position ${action.position}) but no file holds it` });
      continue;
    }
    drift.push(...changeDrift(file.name, documentToEvents(file.document), action.events));
  }
  for (const { document, name } of files) {
    if (!storedIds.has(document.id)) drift.push({ file: name, message: 'not recorded in the store' });
  }
  const inFileOrder = files.map((file) => file.document.id).filter((id) => storedIds.has(id));
  const inStoreOrder = stored.map((action) => action.id).filter((id) => fileOf.has(id));
  const firstOut = inFileOrder.findIndex((id, index) => id !== inStoreOrder[index]);
  if (firstOut >= 0) {
    drift.push({
      file: fileOf.get(inFileOrder[firstOut])!.name,
      message: `sorts before ${fileOf.get(inStoreOrder[firstOut])!.name}, but the store recorded ${inStoreOrder[firstOut]} first (files are recorded in name order)`,
    });
  }
  return drift;
}

function changeDrift(file: string, inFile: readonly PolicyEvent[], inStore: readonly PolicyEvent[]): DriftLine[] {
  if (sameEvents(inFile, inStore)) return [];
  if (inFile.length !== inStore.length) return [{ file, message: `has ${inFile.length} changes, the store recorded ${inStore.length}` }];
  const fields = inFile.flatMap((event, index) => differingPaths(event, inStore[index], `changes[${index}]`));
  const shown = fields.slice(0, MAX_FIELDS_SHOWN).map((message) => ({ file, message }));
  if (fields.length > MAX_FIELDS_SHOWN) shown.push({ file, message: `and ${fields.length - MAX_FIELDS_SHOWN} more differences` });
  return shown;
}

/** Where two values differ, as `path: file has X, the store has Y`, leaves first found first. */
function differingPaths(inFile: unknown, inStore: unknown, path: string): string[] {
  if (canonicalJson(inFile) === canonicalJson(inStore)) return [];
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
  if (isRecord(inFile) && isRecord(inStore)) {
    const keys = [...new Set([...Object.keys(inFile), ...Object.keys(inStore)])].sort();
    // The event envelope: `data` is the change itself, so paths read as the file's fields.
    return keys.flatMap((key) => differingPaths(inFile[key], inStore[key], key === 'data' ? path : `${path}.${key}`));
  }
  return [`${path}: the file has ${shown(inFile)}, the store has ${shown(inStore)}`];
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  const json = JSON.stringify(value);
  return json.length > 120 ? `${json.slice(0, 117)}...` : json;
}
