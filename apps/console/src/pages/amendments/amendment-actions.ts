/**
 * What the signed-in person may do with an amendment, and why not, shown before the click: the
 * lifecycle's rules as the API applies them (docs/adr/010-amendment-lifecycle.md). The API stays
 * the judge; this only keeps a reviewer from pressing a button that must be refused.
 */
export type AmendmentAction = 'submit' | 'approve' | 'reject' | 'publish';

export interface ActionState {
  action: AmendmentAction;
  allowed: boolean;
  /** Why the person may not, in a sentence; absent when they may. */
  reason?: string;
}

export interface Reviewer {
  subject: string;
  roles: readonly string[];
}

export interface AmendmentFacts {
  status: string;
  contributors: readonly string[];
}

const ROLE_FOR: Record<AmendmentAction, string> = { submit: 'editor', approve: 'approver', reject: 'approver', publish: 'approver' };
const STATUSES_FOR: Record<AmendmentAction, readonly string[]> = {
  submit: ['DRAFT'],
  approve: ['SUBMITTED'],
  reject: ['SUBMITTED', 'APPROVED'],
  publish: ['APPROVED'],
};

/** The actions this amendment's status offers, each with whether this person may take it. */
export function actionsFor(amendment: AmendmentFacts, reviewer: Reviewer): ActionState[] {
  const offered = (Object.keys(STATUSES_FOR) as AmendmentAction[]).filter((action) => STATUSES_FOR[action].includes(amendment.status));
  return offered.map((action) => {
    const reason = refusal(action, amendment, reviewer);
    return reason === undefined ? { action, allowed: true } : { action, allowed: false, reason };
  });
}

function refusal(action: AmendmentAction, amendment: AmendmentFacts, { subject, roles }: Reviewer): string | undefined {
  if (action === 'approve') {
    // Four eyes first: it holds for everyone, administrators included, and it is what an author most needs to hear.
    if (amendment.contributors.includes(subject)) return 'You wrote this amendment, so you may not approve it: a second person must (four eyes).';
    const twin = amendment.contributors.find((other) => other.toLowerCase() === subject.toLowerCase());
    if (twin !== undefined) return `Your account name differs from the contributor ${twin} only by case; approval needs a clearly different person.`;
  }
  const role = ROLE_FOR[action];
  if (!roles.includes(role) && !roles.includes('admin'))
    return `Only the ${role} role may ${action} an amendment; you are signed in as ${roles.join(', ') || 'no role'}.`;
  return undefined;
}
