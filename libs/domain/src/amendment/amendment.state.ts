import { assertNever } from '../policy/change-to-event.js';
import type { PolicyChange } from '../policy/policy-change.js';
import type { PolicySource } from '../policy/policy-source.js';
import type { Instant } from '../time/instant.js';
import type { AmendmentBase, AmendmentContent, AmendmentEvent, AmendmentEventType } from './amendment.events.js';

export type AmendmentStatus = 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'REJECTED' | 'PUBLISHED' | 'WITHDRAWN';

export const AMENDMENT_STATUSES: readonly AmendmentStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'REJECTED', 'PUBLISHED', 'WITHDRAWN'];

export interface AmendmentApproval {
  by: string;
  at: Instant;
  comment?: string;
}

export interface AmendmentHistoryEntry {
  type: AmendmentEventType;
  at: Instant;
  actor: string;
  /** The reason of a rejection or withdrawal, the comment of an approval. */
  note?: string;
}

/** One amendment, folded from its stream. `status` is null and `version` 0 while nothing is recorded. */
export interface AmendmentState {
  amendmentId: string;
  policyId: string;
  status: AmendmentStatus | null;
  /** The number of events applied: what ReviseAmendment's expectedVersion names. */
  version: number;
  title: string;
  rationale: string;
  source: PolicySource | null;
  changes: PolicyChange[];
  author: string;
  /** Everyone who wrote its content (the author and revisers): none of them may approve it. */
  contributors: string[];
  /** Approvals of the content as it stands; a rejection or a revision clears them. */
  approvals: AmendmentApproval[];
  base: AmendmentBase;
  publication: { policyPosition: number; policyRevision: number; by: string; at: Instant } | null;
  history: AmendmentHistoryEntry[];
  /** What the draft said when first recorded: a retry of the draft command must say the same. */
  drafted: (AmendmentContent & { policyId: string }) | null;
}

export function initialAmendmentState(): AmendmentState {
  return {
    amendmentId: '',
    policyId: '',
    status: null,
    version: 0,
    title: '',
    rationale: '',
    source: null,
    changes: [],
    author: '',
    contributors: [],
    approvals: [],
    base: { position: 0, revision: 0 },
    publication: null,
    history: [],
    drafted: null,
  };
}

export function evolveAmendment(state: AmendmentState, event: AmendmentEvent): AmendmentState {
  const next = { ...state, version: state.version + 1, history: [...state.history, historyEntry(event)] };
  switch (event.type) {
    case 'AmendmentDrafted': {
      const { amendmentId, policyId, title, rationale, source, changes, author, base } = event.data;
      const drafted = { policyId, title, rationale, source, changes };
      return { ...next, amendmentId, policyId, title, rationale, source, changes, author, base, status: 'DRAFT', contributors: [author], drafted };
    }
    case 'AmendmentRevised': {
      const { title, rationale, source, changes, by } = event.data;
      const contributors = state.contributors.includes(by) ? state.contributors : [...state.contributors, by];
      return { ...next, title, rationale, source, changes, contributors, approvals: [], status: 'DRAFT' };
    }
    case 'AmendmentSubmitted':
      return { ...next, status: 'SUBMITTED' };
    case 'AmendmentApproved': {
      const { by, at, comment } = event.data;
      return { ...next, status: 'APPROVED', approvals: [...state.approvals, { by, at, ...(comment === undefined ? {} : { comment }) }] };
    }
    case 'AmendmentRejected':
      return { ...next, status: 'REJECTED', approvals: [] };
    case 'AmendmentPublished': {
      const { policyPosition, policyRevision, by, at } = event.data;
      return { ...next, status: 'PUBLISHED', publication: { policyPosition, policyRevision, by, at } };
    }
    case 'AmendmentWithdrawn':
      return { ...next, status: 'WITHDRAWN' };
    case 'AmendmentRebased':
      return { ...next, base: event.data.base };
    default:
      return assertNever(event);
  }
}

function historyEntry(event: AmendmentEvent): AmendmentHistoryEntry {
  const entry = { type: event.type, at: event.data.at, actor: event.type === 'AmendmentDrafted' ? event.data.author : event.data.by };
  const note =
    event.type === 'AmendmentRejected' || event.type === 'AmendmentWithdrawn'
      ? event.data.reason
      : event.type === 'AmendmentApproved'
        ? event.data.comment
        : undefined;
  return note === undefined ? entry : { ...entry, note };
}
