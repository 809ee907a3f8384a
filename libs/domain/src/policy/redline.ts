import { instantFromMs, instantMs, type Instant } from '../time/instant.js';
import { assertNever } from './change-to-event.js';
import { canonicalJson } from './canonical-json.js';
import { diffPolicyStates, type PolicyPartChange, type PolicyPartKind } from './policy-diff.js';
import type { PolicyEvent, PolicyEventType, RecordedPolicyEvent } from './policy-events.js';
import type { PolicySource } from './policy-source.js';
import { PolicyTimeline } from './policy-timeline.js';
import { conditionDiff, proseDiff, type RedlineSegment } from './word-diff.js';

/** The change a redline line is owed to. */
export interface RedlineCause {
  changeId: string;
  amendmentId: string;
  type: PolicyEventType;
  effectiveAt: Instant;
  source: PolicySource;
}

/** One field of a part, before and after, with the words struck out and inserted. */
export interface RedlineRow {
  field: string;
  before: string | null;
  after: string | null;
  segments: RedlineSegment[];
}

/** One country, parameter, rule or regime that reads differently, from `effectiveAt`, because of `causes`. */
export interface RedlineEntry {
  kind: PolicyPartKind;
  key: string;
  change: PolicyPartChange['change'];
  /** When the new reading takes effect; null in a diff whose difference no recorded change explains. */
  effectiveAt: Instant | null;
  causes: RedlineCause[];
  rows: RedlineRow[];
}

export interface Redline {
  entries: RedlineEntry[];
  /** Changes that alter nothing where they take effect (e.g. a threshold set to the value in force). */
  withoutEffect: RedlineCause[];
}

/**
 * The redline of an amendment: for each date its changes take effect, the policy read with the
 * amendment's changes up to the day before against the policy read with them up to that day,
 * both on `recorded` (the policy as it stood when the amendment was drafted or published). So
 * every line is owed to changes of that one date, and a later recorded change to the same part
 * does not hide what the amendment did. A retraction takes effect where the change it voids did.
 */
export function amendmentRedline(policyId: string, recorded: readonly RecordedPolicyEvent[], changes: readonly PolicyEvent[]): Redline {
  const base = new PolicyTimeline(policyId, recorded);
  const known = new Map(recorded.map((held) => [held.event.data.changeId, held.event]));
  for (const event of changes) known.set(event.data.changeId, event);
  const lookup = (changeId: string) => known.get(changeId);

  const dated = changes.map((event) => ({ event, atMs: instantMs(effectDate(event, lookup)) }));
  const dates = [...new Set(dated.map(({ atMs }) => atMs))].sort((a, b) => a - b);
  // Only knowledge positions matter below; the staged events need some recording instant.
  const recordedAt = recorded.at(-1)?.recordedAt ?? instantFromMs(0);
  const entries: RedlineEntry[] = [];
  const withoutEffect: RedlineCause[] = [];
  for (const atMs of dates) {
    const staged = (upTo: (ms: number) => boolean) => dated.filter(({ atMs: ms }) => upTo(ms)).map(({ event }) => event);
    const [earlier, through] = [staged((ms) => ms < atMs), staged((ms) => ms <= atMs)];
    const effectiveAt = instantFromMs(atMs);
    const stateWith = (events: PolicyEvent[]) =>
      base.withStaged(events, recordedAt).stateAt({ validAt: effectiveAt, knownAt: recordedAt, knownPosition: base.headPosition + events.length }).state;
    const parts = diffPolicyStates(stateWith(earlier), stateWith(through));
    const onDate = dated.filter(({ atMs: ms }) => ms === atMs).map(({ event }) => event);
    entries.push(...parts.map((part) => redlineEntry(part, attribute(part, onDate, lookup), effectiveAt)));
    const explaining = new Set(entries.flatMap((entry) => entry.causes.map((cause) => cause.changeId)));
    withoutEffect.push(...onDate.filter((event) => !explaining.has(event.data.changeId)).map(causeOf));
  }
  return { entries, withoutEffect };
}

/**
 * The redline of a policy diff: each part that differs between two readings, owed to the
 * recorded changes in force at one and not the other that touch it.
 */
export function diffRedline(
  parts: readonly PolicyPartChange[],
  changes: readonly PolicyEvent[],
  lookup: (changeId: string) => PolicyEvent | undefined,
): RedlineEntry[] {
  return parts.map((part) => {
    const causes = changes.filter((event) => touchedParts(event, lookup).includes(partKey(part.kind, part.key)));
    const latest = causes.map((event) => event.data.effectiveAt).sort((a, b) => instantMs(b) - instantMs(a))[0] ?? null;
    return redlineEntry(part, causes.map(causeOf), latest);
  });
}

/** The rows of one differing part: the fields a reader compares, changed ones only, rules' wording always. */
export function redlineEntry(part: PolicyPartChange, causes: RedlineCause[], effectiveAt: Instant | null): RedlineEntry {
  const before = fieldsOf(part.before);
  const after = fieldsOf(part.after);
  const names = orderedFields(part.kind, [...new Set([...before.keys(), ...after.keys()])]);
  const alwaysShown = part.kind === 'rule' ? RULE_WORDING : [];
  const rows = names
    .map((field) => row(field, before.get(field) ?? null, after.get(field) ?? null))
    .filter((shown) => shown.before !== shown.after || (alwaysShown.includes(shown.field) && part.change === 'CHANGED'));
  // A part re-stated with the same content under another source differs only in where it comes from.
  if (!rows.some((shown) => shown.before !== shown.after)) rows.push(row('source', sourceOf(part.before), sourceOf(part.after)));
  return { kind: part.kind, key: part.key, change: part.change, effectiveAt, causes, rows };
}

const RULE_WORDING = ['condition', 'explanation'];

/** Where each kind's fields come in a redline; fields not named follow in name order. */
const FIELD_ORDER: Record<PolicyPartKind, string[]> = {
  country: ['tier', 'groups'],
  parameter: ['value', 'unit'],
  rule: ['regime', 'kind', 'condition', 'explanation', 'citation', 'eccn', 'reviewPolicy', 'code', 'covers', 'cap', 'priority'],
  regime: ['title', 'legalStatus', 'enforcementStatus'],
};

/** Identity and provenance: the key and the causes already say these. */
const NOT_FIELDS = new Set(['id', 'country', 'name', 'changeId', 'effectiveAt', 'source', 'tierSet', 'groupsSet', 'legalSince', 'enforcementSince']);

function orderedFields(kind: PolicyPartKind, names: string[]): string[] {
  const order = FIELD_ORDER[kind];
  const rank = (name: string) => (order.includes(name) ? order.indexOf(name) : order.length);
  return names.filter((name) => !NOT_FIELDS.has(name)).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function fieldsOf(value: unknown): Map<string, string> {
  const fields = new Map<string, string>();
  if (value === null || typeof value !== 'object') return fields;
  for (const [name, field] of Object.entries(value)) {
    const shown = shownValue(field);
    if (shown !== null) fields.set(name, shown);
  }
  return fields;
}

function shownValue(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')) return value.join(', ');
  return canonicalJson(value);
}

function row(field: string, before: string | null, after: string | null): RedlineRow {
  const segments = field === 'condition' ? conditionDiff(before, after) : proseDiff(before, after);
  return { field, before, after, segments };
}

/** The citations a part's provenance names: its own source, or those of its tier, groups, legal or enforcement status. */
function sourceOf(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const provenances = [value, ...Object.values(value)].filter((field): field is { source: PolicySource } => isProvenance(field));
  const citations = [...new Set(provenances.map((provenance) => provenance.source.citation))];
  return citations.length === 0 ? null : citations.join('; ');
}

function isProvenance(value: unknown): boolean {
  const source = (value as { source?: { citation?: unknown } } | null)?.source;
  return typeof source?.citation === 'string';
}

function causeOf(event: PolicyEvent): RedlineCause {
  const { changeId, amendmentId, effectiveAt, source } = event.data;
  return { changeId, amendmentId, type: event.type, effectiveAt, source };
}

/** The changes of one date that touch a part; all of them when none does by name (an indirect effect). */
function attribute(part: PolicyPartChange, onDate: PolicyEvent[], lookup: (changeId: string) => PolicyEvent | undefined): RedlineCause[] {
  const touching = onDate.filter((event) => touchedParts(event, lookup).includes(partKey(part.kind, part.key)));
  return (touching.length > 0 ? touching : onDate).map(causeOf);
}

/** Where a change shows in the policy: its effective date, or for a retraction the date of the change it voids. */
function effectDate(event: PolicyEvent, lookup: (changeId: string) => PolicyEvent | undefined): Instant {
  if (event.type !== 'PolicyChangeRetracted') return event.data.effectiveAt;
  return lookup(event.data.retractedChangeId)?.data.effectiveAt ?? event.data.effectiveAt;
}

function partKey(kind: PolicyPartKind, key: string): string {
  return `${kind}:${key}`;
}

/** The parts of the policy state a change writes. */
export function touchedParts(event: PolicyEvent, lookup: (changeId: string) => PolicyEvent | undefined, depth = 0): string[] {
  switch (event.type) {
    case 'CountryTierReassigned':
    case 'CountryGroupsChanged':
      return [partKey('country', event.data.country)];
    case 'ThresholdChanged':
      return [partKey('parameter', event.data.parameter)];
    case 'RuleAdded':
    case 'RuleAmended':
      return [partKey('rule', event.data.rule.id)];
    case 'RuleRepealed':
      return [partKey('rule', event.data.ruleId)];
    case 'RegimeEnacted':
    case 'RegimeEnforcementSuspended':
    case 'RegimeEnforcementResumed':
    case 'RegimeRescinded':
    case 'RegimeReinstated':
      return [partKey('regime', event.data.regime)];
    case 'PolicyChangeRetracted': {
      // A retraction of a retraction restores its target: follow the chain, bounded against cycles.
      const target = lookup(event.data.retractedChangeId);
      return target && depth < 16 ? touchedParts(target, lookup, depth + 1) : [];
    }
    default:
      return assertNever(event);
  }
}
