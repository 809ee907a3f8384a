import { celTokens, conditionDiff, proseDiff, type RedlineSegment } from './word-diff.js';

/** A redline as `[-struck-]{+inserted+}` text, git's word-diff notation. */
function marked(segments: RedlineSegment[]): string {
  return segments.map(({ text, mark }) => (mark === 'SAME' ? text : mark === 'DELETED' ? `[-${text}-]` : `{+${text}+}`)).join('');
}

describe('conditionDiff: CEL conditions word by word', () => {
  it('strikes out a changed threshold literal whole and inserts the new one', () => {
    const before = 'item.tpp >= 4800.0 && facts.destinationGroups.exists(g, g == "D:5")';
    const after = 'item.tpp >= 5000.0 && facts.destinationGroups.exists(g, g == "D:5")';
    expect(marked(conditionDiff(before, after))).toBe('item.tpp >=[- 4800.0-]{+ 5000.0+} && facts.destinationGroups.exists(g, g == "D:5")');
  });

  it('treats a string literal as one word, so a country group changes whole', () => {
    expect(marked(conditionDiff('"D:5" in facts.groups', '"D:1" in facts.groups'))).toBe('[-"D:5"-]{+"D:1"+} in facts.groups');
  });

  it('shows an added clause as one insertion, operators included', () => {
    const before = 'item.tpp >= params["3a090.a.tpp"]';
    const after = 'item.tpp >= params["3a090.a.tpp"] && !facts.veu';
    expect(marked(conditionDiff(before, after))).toBe('item.tpp >= params["3a090.a.tpp"]{+ && !facts.veu+}');
  });

  it('does not count a new line break or indentation as an edit', () => {
    const segments = conditionDiff('a.b == 1.0 && c == "x"', 'a.b == 1.0\n  && c == "x"');
    expect(segments).toEqual([{ mark: 'SAME', text: 'a.b == 1.0\n  && c == "x"' }]);
  });

  it('keeps two-character operators whole: >= becomes >', () => {
    expect(marked(conditionDiff('x >= 1.0', 'x > 1.0'))).toBe('x[- >=-]{+ >+} 1.0');
  });

  it('strikes the old text whole when a rule is removed and inserts it whole when added', () => {
    expect(conditionDiff('x > 1.0', null)).toEqual([{ mark: 'DELETED', text: 'x > 1.0' }]);
    expect(conditionDiff(null, 'x > 1.0')).toEqual([{ mark: 'INSERTED', text: 'x > 1.0' }]);
  });

  it('tokenises so that the tokens join back to the text, an unterminated string included', () => {
    for (const text of ["a.b >= 1.5e3 || c != 'q\\'s'", '  x ', 'params["a"] == "unterminated', '']) {
      expect(celTokens(text).join('')).toBe(text);
    }
    expect(celTokens('item.tpp >= 4800.0').map((token) => token.trim())).toEqual(['item', '.', 'tpp', '>=', '4800.0']);
  });
});

describe('proseDiff: explanations word by word', () => {
  it('marks the words of an explanation that changed and keeps the rest', () => {
    const before = 'A license is required for 3A090.a items to Tier 3 destinations, with a presumption of denial.';
    const after = 'A license is required for 3A090.a items to Tier 2 and Tier 3 destinations, reviewed case by case.';
    expect(marked(proseDiff(before, after))).toBe(
      'A license is required for 3A090.a items to Tier {+2 and Tier +}3 destinations, [-with a presumption of denial-]{+reviewed case by case+}.',
    );
  });

  it('is all SAME for equal text, and empty for two empty texts', () => {
    expect(proseDiff('same words', 'same words')).toEqual([{ mark: 'SAME', text: 'same words' }]);
    expect(proseDiff('', '')).toEqual([]);
  });

  it('falls back to a whole rewrite past its edit budget instead of working without bound', () => {
    const words = (prefix: string) => Array.from({ length: 3000 }, (_, index) => `${prefix}${index}`).join(' ');
    const segments = proseDiff(words('a'), words('b'));
    expect(segments.map((segment) => segment.mark)).toEqual(['DELETED', 'INSERTED']);
  });
});
