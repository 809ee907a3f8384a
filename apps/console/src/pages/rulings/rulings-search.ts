import type { DeterminationFilter, DeterminationOrder, Outcome } from '../../api/generated.js';

/** The search form as typed: every field a string, dates as YYYY-MM-DD. Mirrors the page's URL. */
export interface SearchForm {
  reference: string;
  consignee: string;
  destination: string;
  outcome: string;
  validFrom: string;
  validTo: string;
  issuedFrom: string;
  issuedTo: string;
}

export const EMPTY_FORM: SearchForm = { reference: '', consignee: '', destination: '', outcome: '', validFrom: '', validTo: '', issuedFrom: '', issuedTo: '' };
export const FIELDS = Object.keys(EMPTY_FORM) as Array<keyof SearchForm>;
export const ORDERS: Record<DeterminationOrder, string> = {
  ISSUED_DESC: 'Issued, newest first',
  ISSUED_ASC: 'Issued, oldest first',
  VALID_AT_DESC: 'Valid date, latest first',
  VALID_AT_ASC: 'Valid date, earliest first',
};
export const DEFAULT_ORDER: DeterminationOrder = 'ISSUED_DESC';
export const PAGE_SIZE = 25;

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** The page's state from its URL query. */
export function searchFromQuery(query: Record<string, string>): { form: SearchForm; order: DeterminationOrder; after: string | undefined } {
  const form = { ...EMPTY_FORM };
  for (const field of FIELDS) form[field] = query[field] ?? '';
  const order = (query.order in ORDERS ? query.order : DEFAULT_ORDER) as DeterminationOrder;
  return { form, order, after: query.after || undefined };
}

/** The page's URL for a search; the cursor only when paging. */
export function searchUrl(form: SearchForm, order: DeterminationOrder, after?: string): string {
  const query = new URLSearchParams();
  for (const field of FIELDS) if (form[field].trim() !== '') query.set(field, form[field].trim());
  if (order !== DEFAULT_ORDER) query.set('order', order);
  if (after !== undefined) query.set('after', after);
  const text = query.toString();
  return `/console/rulings${text ? `?${text}` : ''}`;
}

/**
 * The API filter for a form. Date fields are whole days in UTC: "to" includes its day. Returns
 * the problems instead when a field cannot be read, naming each field.
 */
export function filterOf(form: SearchForm): { filter: DeterminationFilter } | { problems: string[] } {
  const problems: string[] = [];
  const filter: DeterminationFilter = {};
  if (form.reference.trim()) filter.reference = form.reference.trim();
  if (form.consignee.trim()) filter.consignee = form.consignee.trim();
  if (form.destination.trim()) {
    const code = form.destination.trim().toUpperCase();
    if (/^[A-Z]{2}$/.test(code)) filter.destination = code;
    else problems.push('Destination: a two-letter country code, e.g. IN.');
  }
  if (form.outcome) filter.outcome = form.outcome as Outcome;
  const day = (value: string, label: string, end: boolean) => {
    if (!value) return undefined;
    if (!isDate(value)) {
      problems.push(`${label}: a date, e.g. 2025-06-01.`);
      return undefined;
    }
    return end ? `${value}T23:59:59.999Z` : `${value}T00:00:00.000Z`;
  };
  const validFrom = day(form.validFrom, 'Valid from', false);
  const validTo = day(form.validTo, 'Valid to', true);
  const issuedFrom = day(form.issuedFrom, 'Issued from', false);
  const issuedTo = day(form.issuedTo, 'Issued to', true);
  if (validFrom) filter.validFrom = validFrom;
  if (validTo) filter.validTo = validTo;
  if (issuedFrom) filter.issuedFrom = issuedFrom;
  if (issuedTo) filter.issuedTo = issuedTo;
  if (form.validFrom && form.validTo && form.validFrom > form.validTo) problems.push('Valid from is after valid to.');
  if (form.issuedFrom && form.issuedTo && form.issuedFrom > form.issuedTo) problems.push('Issued from is after issued to.');
  return problems.length ? { problems } : { filter };
}
