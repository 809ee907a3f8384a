/** Code points the PDF standard fonts can draw (WinAnsiEncoding): ASCII, Latin-1 and a few typographic marks. */
const TYPOGRAPHIC = new Set([
  402, 8211, 8212, 8216, 8217, 8218, 8220, 8221, 8222, 8224, 8225, 8226, 8230, 8364, 8240, 8249, 8250, 710, 8482, 338, 339, 732, 352, 353, 376, 381, 382,
]);

/**
 * Text the standard fonts can show as it is. Any other character (a consignee's name in another
 * script) is written as its code point, <U+682A>, so nothing is dropped or drawn as a wrong glyph.
 */
export function pdfText(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out +=
      (code >= 32 && code <= 126) || (code >= 160 && code <= 255) || TYPOGRAPHIC.has(code) || char === '\n'
        ? char
        : `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  }
  return out;
}
