import { pdfText } from './pdf-text.js';

describe('pdfText', () => {
  it('keeps what the standard fonts draw and names every other character by its code point', () => {
    expect(pdfText('Société “Acme” – § 744.23 €')).toBe('Société “Acme” – § 744.23 €');
    expect(pdfText('株式会社 ≥ 4800')).toBe('<U+682A><U+5F0F><U+4F1A><U+793E> <U+2265> 4800');
    expect(pdfText('emoji 🙂')).toBe('emoji <U+1F642>');
  });
});
