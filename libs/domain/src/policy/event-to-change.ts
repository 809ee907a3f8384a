import { assertNever } from './change-to-event.js';
import { canonicalJson } from './canonical-json.js';
import type { PolicyChange, PolicyDocument } from './policy-change.js';
import type { PolicyEvent } from './policy-events.js';
import type { PolicySource } from './policy-source.js';

/** What the events of a legal action do not carry: its title (the rest is in every event). */
export interface DocumentHeading {
  id: string;
  policyId: string;
  title: string;
}

/**
 * The legal action a run of recorded events came from: the inverse of documentToEvents, so that
 * `documentToEvents(eventsToDocument(events, heading))` gives the same events. The document's
 * source is the one most of its changes cite (the first such on a tie); a change citing another
 * keeps its own. Confidence and notes stay on each change: the events cannot tell whether a
 * confidence was the file's or the change's, and either way the events are the same.
 * @throws Error when the events are not one legal action's (another amendment, or a changeId
 * out of sequence), which no store written by this code holds.
 */
export function eventsToDocument(events: readonly PolicyEvent[], heading: DocumentHeading): PolicyDocument {
  if (events.length === 0) throw new Error(`legal action ${heading.id} has no changes`);
  events.forEach((event, index) => {
    const expected = `${heading.id}#${index}`;
    if (event.data.amendmentId !== heading.id || event.data.changeId !== expected) {
      throw new Error(`legal action ${heading.id}: change ${index} is ${event.data.changeId} of ${event.data.amendmentId}, expected ${expected}`);
    }
  });
  const source = mostCited(events.map((event) => event.data.source));
  return {
    ...heading,
    rationale: events[0].data.rationale,
    source,
    changes: events.map((event) => {
      const { effectiveAt, confidence, note } = event.data;
      const ownSource = canonicalJson(event.data.source) === canonicalJson(source) ? {} : { source: event.data.source };
      return {
        ...eventToChange(event),
        effectiveAt,
        ...ownSource,
        ...(confidence === undefined ? {} : { confidence }),
        ...(note === undefined ? {} : { note }),
      } as PolicyChange;
    }),
  };
}

function mostCited(sources: PolicySource[]): PolicySource {
  const counts = new Map<string, { source: PolicySource; count: number }>();
  for (const source of sources) {
    const key = canonicalJson(source);
    const held = counts.get(key) ?? { source, count: 0 };
    counts.set(key, { ...held, count: held.count + 1 });
  }
  // Map iteration follows first appearance, so the first of equally cited sources wins.
  return [...counts.values()].reduce((best, next) => (next.count > best.count ? next : best)).source;
}

/** A change without its effective date, source, confidence and note, which every event carries alike. */
type ChangePayload = PolicyChange extends infer C ? (C extends PolicyChange ? Omit<C, 'effectiveAt' | 'source' | 'confidence' | 'note'> : never) : never;

/** The change's own fields (type and payload) that an event of this type records. */
function eventToChange(event: PolicyEvent): ChangePayload {
  switch (event.type) {
    case 'CountryTierReassigned':
      return { type: 'REASSIGN_TIER', country: event.data.country, tier: event.data.tier };
    case 'CountryGroupsChanged':
      return { type: 'CHANGE_COUNTRY_GROUPS', country: event.data.country, groups: [...event.data.groups] };
    case 'ThresholdChanged':
      return { type: 'SET_THRESHOLD', parameter: event.data.parameter, value: event.data.value, unit: event.data.unit };
    case 'RuleAdded':
      return { type: 'ADD_RULE', rule: event.data.rule };
    case 'RuleAmended':
      return { type: 'AMEND_RULE', rule: event.data.rule };
    case 'RuleRepealed':
      return { type: 'REPEAL_RULE', ruleId: event.data.ruleId };
    case 'RegimeEnacted':
      return { type: 'ENACT_REGIME', regime: event.data.regime, title: event.data.title };
    case 'RegimeEnforcementSuspended':
      return { type: 'SUSPEND_ENFORCEMENT', regime: event.data.regime };
    case 'RegimeEnforcementResumed':
      return { type: 'RESUME_ENFORCEMENT', regime: event.data.regime };
    case 'RegimeRescinded':
      return { type: 'RESCIND_REGIME', regime: event.data.regime };
    case 'RegimeReinstated':
      return { type: 'REINSTATE_REGIME', regime: event.data.regime };
    case 'PolicyChangeRetracted':
      return { type: 'RETRACT_CHANGE', changeId: event.data.retractedChangeId };
    default:
      return assertNever(event);
  }
}
