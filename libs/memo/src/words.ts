/** Plain words for the codes a ruling carries, shared by the console and the memo export. */

export const OUTCOME_WORDS: Record<string, string> = {
  NO_LICENSE_REQUIRED: 'No license required',
  LICENSE_EXCEPTION: 'No license needed: a license exception applies',
  LICENSE_REQUIRED: 'License required',
};

export const OUTCOME_SHORT: Record<string, string> = {
  NO_LICENSE_REQUIRED: 'No license required',
  LICENSE_EXCEPTION: 'License exception',
  LICENSE_REQUIRED: 'License required',
};

export const REVIEW_POLICY_WORDS: Record<string, string> = {
  PRESUMPTION_OF_APPROVAL: 'presumption of approval',
  CASE_BY_CASE: 'case-by-case review',
  PRESUMPTION_OF_DENIAL: 'presumption of denial',
};

export const RULE_KIND_WORDS: Record<string, string> = {
  classification: 'Classification',
  requirement: 'License requirement',
  exception: 'License exception',
};

export const ITEM_KIND_WORDS: Record<string, string> = {
  INTEGRATED_CIRCUIT: 'Integrated circuit',
  COMPUTER: 'Computer',
  MODEL_WEIGHTS: 'Model weights',
};

export const ENFORCEMENT_WORDS: Record<string, string> = {
  ENFORCED: 'Enforced',
  SUSPENDED: 'Enforcement suspended',
};

export const LEGAL_STATUS_WORDS: Record<string, string> = {
  IN_FORCE: 'In force',
  RESCINDED: 'Rescinded',
  REINSTATED: 'Reinstated',
};

export const TRANSACTION_WORDS: Record<string, string> = {
  EXPORT: 'Export from the United States',
  REEXPORT: 'Reexport',
  IN_COUNTRY_TRANSFER: 'In-country transfer',
};

/** The words for a code, or the code itself when there are none (a code added later still shows). */
export const wordsFor = (table: Record<string, string>, code: string | null | undefined): string => (code == null ? '' : (table[code] ?? code));

export const NOT_LEGAL_ADVICE =
  'Policy Ledger is a research tool. This memo records what the system determined and why; it is not legal advice. Check the cited sources before relying on it.';

/** "CountryTierReassigned" -> "Country tier reassigned": event types read as plain words. */
export const eventTypeWords = (type: string): string => {
  const words = type.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const FIELD_WORDS: Record<string, string> = {
  outcome: 'outcome',
  reviewPolicy: 'review policy',
  exceptions: 'license exceptions',
  eccn: 'ECCN',
  requirements: 'requirements that applied',
  status: 'status',
  regime: 'regime',
  since: 'since',
};

/** A replay difference's dotted path in words: `items.0.outcome` -> "Item 1: outcome". */
export function differencePathWords(path: string): string {
  const [head, ...rest] = path.split('.');
  const field = (parts: string[]) => parts.map((part) => (/^\d+$/.test(part) ? `#${Number(part) + 1}` : (FIELD_WORDS[part] ?? part))).join(' ');
  if ((head === 'items' || head === 'enforcement') && rest.length > 0 && /^\d+$/.test(rest[0])) {
    const label = head === 'items' ? 'Item' : 'Enforcement note';
    return `${label} ${Number(rest[0]) + 1}${rest.length > 1 ? `: ${field(rest.slice(1))}` : ''}`;
  }
  if (head === 'facts') return `Fact: ${rest.join('.')}`;
  const words = field([head, ...rest]);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A value in a redline: outcome and review-policy codes in words, other values as they are. */
export function redlineValue(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return OUTCOME_SHORT[value] ?? REVIEW_POLICY_WORDS[value] ?? ENFORCEMENT_WORDS[value] ?? value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** What a reader is shown of an added or removed part of the policy: its identifying and legal fields. */
const SUMMARY_FIELDS = [
  'title',
  'tier',
  'groups',
  'value',
  'unit',
  'kind',
  'regime',
  'code',
  'eccn',
  'reviewPolicy',
  'legalStatus',
  'enforcementStatus',
  'explanation',
  'citation',
  'condition',
];

/**
 * A changed part of the policy field by field: for a change, only the fields that differ; for an
 * addition or removal, the fields a reader identifies it by. Nested values are shown as JSON.
 */
export function partFields(before: unknown, after: unknown): Array<{ field: string; before: unknown; after: unknown }> {
  const record = (value: unknown) => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined);
  const [from, to] = [record(before), record(after)];
  if (from === undefined && to === undefined) return [{ field: 'value', before, after }];
  const fields =
    from !== undefined && to !== undefined
      ? [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((field) => JSON.stringify(from[field]) !== JSON.stringify(to[field]))
      : SUMMARY_FIELDS.filter((field) => (from ?? to)![field] !== undefined && (from ?? to)![field] !== null);
  return fields
    .filter((field) => field !== 'source' || (from !== undefined && to !== undefined))
    .map((field) => ({ field, before: from?.[field] ?? null, after: to?.[field] ?? null }));
}
