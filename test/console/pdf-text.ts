import { spawnSync } from 'node:child_process';

/**
 * The text of a PDF, read back with poppler's pdftotext (Debian package poppler-utils; .ci/run
 * installs it when missing). Without it the test cannot check what a reader of the PDF sees, so
 * it fails saying so rather than passing unchecked.
 */
export function pdfToText(pdf: Buffer): string {
  const result = spawnSync('pdftotext', ['-layout', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new Error('pdftotext is not installed: the memo PDF test reads the PDF back with it (apt-get install poppler-utils; .ci/run does this)');
  }
  if (result.status !== 0) throw new Error(`pdftotext failed (${result.status}): ${result.stderr.toString()}`);
  return result.stdout.toString();
}

/** Text with every run of white space removed: a citation wrapped over two lines still matches. */
export const squeezed = (text: string) => text.replace(/\s+/g, '');
