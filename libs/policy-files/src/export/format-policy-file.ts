import { Document, isMap, isScalar, isSeq, Scalar, visit } from 'yaml';
import type { PolicyChange, PolicyDocument, PolicySource } from '#domain';

/** The first line of every policy file: editors validate against the schema next to the policy directories. */
export const SCHEMA_LINE = '# yaml-language-server: $schema=../policy-file.schema.json';

/** Prose longer than this is written folded (`>-`), as the hand-written files do. */
const FOLD_AFTER = 80;

/**
 * A legal action as a policy file, in one stable layout: the keys in the order the hand-written
 * files use, dates as plain dates where they are midnight UTC, long prose folded, multi-line CEL
 * as literal blocks, lists of names inline, a blank line between changes. The same document
 * always gives the same bytes. `fileId` names the file; when the document's id differs (an
 * amendment published through the API keeps its store id), the file says so in `amendmentId`.
 */
export function formatPolicyFile(document: PolicyDocument, fileId: string): string {
  const content = {
    id: fileId,
    ...(document.id === fileId ? {} : { amendmentId: document.id }),
    policyId: document.policyId,
    title: document.title,
    rationale: document.rationale,
    source: source(document.source),
    ...(document.recordedOn === undefined ? {} : { recordedOn: writtenDate(document.recordedOn) }),
    ...optional('confidence', document.confidence),
    ...optional('note', document.note),
    changes: document.changes.map(change),
  };
  const yaml = new Document(content);
  visit(yaml, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      else if (node.value.length > FOLD_AFTER) node.type = Scalar.BLOCK_FOLDED;
    },
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  const changes = yaml.get('changes', true);
  if (isSeq(changes)) changes.items.forEach((item, index) => isMap(item) && index > 0 && (item.spaceBefore = true));
  return `${SCHEMA_LINE}\n${yaml.toString({ lineWidth: 100, minContentWidth: 40 })}`;
}

/** Midnight UTC as a plain date, which the files use and the loader reads back as the same instant. */
export function writtenDate(instant: string): string {
  return instant.endsWith('T00:00:00.000Z') ? instant.slice(0, 10) : instant;
}

function source(value: PolicySource): Record<string, unknown> {
  return { citation: value.citation, ...optional('url', value.url), publishedAt: writtenDate(value.publishedAt) };
}

/** Type and effective date first, then what the type needs, then the change's own source, confidence and note. */
function change(value: PolicyChange): Record<string, unknown> {
  const { type, effectiveAt, source: own, confidence, note, ...payload } = value;
  return {
    type,
    effectiveAt: writtenDate(effectiveAt),
    ...('rule' in payload ? { ...payload, rule: rule(payload.rule as unknown as Record<string, unknown>) } : payload),
    ...(own ? { source: source(own) } : {}),
    ...optional('confidence', confidence),
    ...optional('note', note),
  };
}

const RULE_ORDER = ['id', 'regime', 'kind', 'eccn', 'reviewPolicy', 'code', 'covers', 'cap', 'priority', 'condition', 'citation', 'explanation'];

/** A rule's fields in the hand-written order; fields this code does not know follow in name order, so none is lost. */
function rule(value: Record<string, unknown>): Record<string, unknown> {
  const rank = (name: string) => (RULE_ORDER.includes(name) ? RULE_ORDER.indexOf(name) : RULE_ORDER.length);
  const names = Object.keys(value)
    .filter((name) => value[name] !== undefined)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(names.map((name) => [name, value[name]]));
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
