import { filterOf, searchFromQuery, searchUrl, EMPTY_FORM } from './rulings-search.js';

describe("the Rulings page's search", () => {
  it('round-trips through its URL, leaving out empty fields and the default order', () => {
    const form = { ...EMPTY_FORM, reference: 'PO-4711', validFrom: '2025-01-01' };

    const url = searchUrl(form, 'VALID_AT_ASC', 'cursor-1');

    expect(url).toBe('/console/rulings?reference=PO-4711&validFrom=2025-01-01&order=VALID_AT_ASC&after=cursor-1');
    expect(searchFromQuery(Object.fromEntries(new URL(url, 'http://x').searchParams))).toEqual({ form, order: 'VALID_AT_ASC', after: 'cursor-1' });
    expect(searchUrl(EMPTY_FORM, 'ISSUED_DESC')).toBe('/console/rulings');
  });

  it('turns days into UTC ranges that include the "to" day, and upper-cases the destination', () => {
    expect(filterOf({ ...EMPTY_FORM, destination: 'in', validFrom: '2025-06-01', validTo: '2025-06-30', outcome: 'LICENSE_REQUIRED' })).toEqual({
      filter: { destination: 'IN', validFrom: '2025-06-01T00:00:00.000Z', validTo: '2025-06-30T23:59:59.999Z', outcome: 'LICENSE_REQUIRED' },
    });
  });

  it('names each field it cannot read, and ranges that run backwards', () => {
    expect(filterOf({ ...EMPTY_FORM, destination: 'India', issuedFrom: '1 June', validFrom: '2025-07-01', validTo: '2025-06-01' })).toEqual({
      problems: ['Destination: a two-letter country code, e.g. IN.', 'Issued from: a date, e.g. 2025-06-01.', 'Valid from is after valid to.'],
    });
  });
});
