import type { AmendmentStatus } from '../../api/generated.js';

export const STATUS_WORDS: Record<AmendmentStatus, string> = {
  DRAFT: 'Draft',
  SUBMITTED: 'Submitted for approval',
  APPROVED: 'Approved, not yet published',
  PUBLISHED: 'Published',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

/** The lifecycle's events in words, for the status history. */
export const STEP_WORDS: Record<string, string> = {
  AmendmentDrafted: 'Drafted',
  AmendmentRevised: 'Revised',
  AmendmentSubmitted: 'Submitted',
  AmendmentApproved: 'Approved',
  AmendmentRejected: 'Rejected',
  AmendmentPublished: 'Published',
  AmendmentWithdrawn: 'Withdrawn',
  AmendmentRebased: 'Rebased',
};
