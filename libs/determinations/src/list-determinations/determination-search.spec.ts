import { decodeSearchCursor, encodeSearchCursor, searchStatements } from './determination-search.js';

describe('determination search cursors', () => {
  it.each([
    { order: 'ISSUED_ASC', position: 42 },
    { order: 'ISSUED_DESC', position: 42 },
    { order: 'VALID_AT_ASC', position: 42, validAt: '2025-06-01T00:00:00.000Z' },
    { order: 'VALID_AT_DESC', position: 7, validAt: '2025-06-01T00:00:00.000Z' },
  ] as const)('round-trips %j', (cursor) => {
    expect(decodeSearchCursor(encodeSearchCursor(cursor))).toEqual(cursor);
  });

  it("reads the first wave's position cursors as issued ascending", () => {
    expect(decodeSearchCursor(Buffer.from('position:9').toString('base64url'))).toEqual({ order: 'ISSUED_ASC', position: 9 });
  });

  it.each(['nonsense', Buffer.from('VALID_AT_ASC:9').toString('base64url'), Buffer.from('ISSUED_DESC:x').toString('base64url')])(
    'refuses %s as BAD_USER_INPUT on after',
    (cursor) => {
      expect(() => decodeSearchCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', message: expect.stringMatching(/^after: /) }));
    },
  );

  it('refuses a cursor of one order for a page in another', () => {
    expect(() => searchStatements({}, 'VALID_AT_ASC', { order: 'ISSUED_ASC', position: 3 }, 10)).toThrow(/returned for order ISSUED_ASC, not VALID_AT_ASC/);
  });

  it('counts without the cursor and pages after it, every value bound, none spliced into the SQL', () => {
    const { count, page } = searchStatements(
      { reference: "PO-1' OR 1=1", outcome: 'LICENSE_REQUIRED' },
      'VALID_AT_DESC',
      { order: 'VALID_AT_DESC', position: 3, validAt: '2025-06-01' },
      11,
    );

    expect(count).toEqual({ sql: expect.not.stringContaining('PO-1'), params: { reference: "PO-1' OR 1=1", outcome: 'LICENSE_REQUIRED' } });
    expect(page.sql).toContain('(valid_at, position) < (@afterValidAt, @afterPosition)');
    expect(page.sql).toContain('ORDER BY valid_at DESC, position DESC LIMIT @limit');
    expect(page.params).toEqual({ reference: "PO-1' OR 1=1", outcome: 'LICENSE_REQUIRED', afterPosition: 3, afterValidAt: '2025-06-01', limit: 11 });
  });
});
