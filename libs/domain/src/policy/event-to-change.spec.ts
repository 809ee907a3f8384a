import { parseInstant } from '../time/instant.js';
import { documentToEvents } from './change-to-event.js';
import { eventsToDocument } from './event-to-change.js';
import type { PolicyDocument } from './policy-change.js';

const at = (date: string) => parseInstant(date);
const FILE_SOURCE = { citation: '90 FR 4544', url: 'https://example.test/fr', publishedAt: at('2025-01-13') };
const GUIDANCE = { citation: 'BIS guidance', publishedAt: at('2025-01-20') };

const document: PolicyDocument = {
  id: '2025-01-13-demo',
  policyId: 'p',
  title: 'Demo',
  rationale: 'Why it changed.',
  source: FILE_SOURCE,
  confidence: 'UNCONFIRMED',
  changes: [
    { type: 'ENACT_REGIME', regime: 'demo', title: 'Demo regime', effectiveAt: at('2025-01-13'), note: 'Reconstructed.' },
    { type: 'CHANGE_COUNTRY_GROUPS', country: 'VN', groups: ['D:4', 'D:1'], effectiveAt: at('2025-01-13'), confidence: 'CONFIRMED' },
    { type: 'SET_THRESHOLD', parameter: 'demo.tpp', value: 4800, unit: 'TPP', effectiveAt: at('2025-05-15'), source: GUIDANCE, note: 'From guidance.' },
    {
      type: 'ADD_RULE',
      effectiveAt: at('2025-05-15'),
      rule: {
        id: 'req.demo',
        regime: 'demo',
        kind: 'requirement',
        condition: 'item.tpp >= params["demo.tpp"]',
        citation: 'c',
        explanation: 'e',
        reviewPolicy: 'CASE_BY_CASE',
      },
    },
    { type: 'SUSPEND_ENFORCEMENT', regime: 'demo', effectiveAt: at('2025-06-01') },
    { type: 'REPEAL_RULE', ruleId: 'req.demo', effectiveAt: at('2025-07-01') },
    { type: 'RETRACT_CHANGE', changeId: 'older#3', effectiveAt: at('2025-07-01') },
  ],
};

describe('eventsToDocument', () => {
  it('gives back a document whose events are the events it was read from', () => {
    const events = documentToEvents(document);
    const read = eventsToDocument(events, { id: document.id, policyId: 'p', title: 'Demo' });
    expect(documentToEvents(read)).toEqual(events);
  });

  it('takes the source most changes cite as the document source, and keeps the others on their changes', () => {
    const read = eventsToDocument(documentToEvents(document), { id: document.id, policyId: 'p', title: 'Demo' });
    expect(read.source).toEqual(FILE_SOURCE);
    expect(read.changes.map((change) => change.source?.citation ?? null)).toEqual([null, null, 'BIS guidance', null, null, null, null]);
    expect(read.changes[0]).toMatchObject({ confidence: 'UNCONFIRMED', note: 'Reconstructed.' });
    expect(read.changes[1]).toMatchObject({ confidence: 'CONFIRMED', groups: ['D:1', 'D:4'] });
  });

  it('refuses events that are not one legal action in order', () => {
    const events = documentToEvents(document);
    expect(() => eventsToDocument(events.slice(1), { id: document.id, policyId: 'p', title: 'Demo' })).toThrow(
      'legal action 2025-01-13-demo: change 0 is 2025-01-13-demo#1 of 2025-01-13-demo, expected 2025-01-13-demo#0',
    );
    expect(() => eventsToDocument([], { id: 'x', policyId: 'p', title: 'x' })).toThrow('legal action x has no changes');
  });
});
