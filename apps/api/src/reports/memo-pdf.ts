import { readableDate, receiptRows, RECEIPT_EXPLANATION, type Memo, type Phrase, type Reader } from '#memo';
import PDFDocument from 'pdfkit';
import { pdfText } from './pdf-text.js';

const MARGIN = 56;
const BODY = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const MONO = 'Courier';

/**
 * The memo as a PDF, drawn on the server with pdfkit and the PDF standard fonts (nothing to
 * install, no browser): the same sections as the console's memo page and the HTML export, with
 * a footer on every page naming the ruling and that it is not legal advice.
 */
export function memoPdf(memo: Memo, reader: Reader, generatedAt: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN + 18, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: pdfText(memo.title), Author: 'Policy Ledger', Subject: `Determination ${memo.determinationId}`, CreationDate: new Date(generatedAt) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}, font = BODY, size = 10) => doc.font(font).fontSize(size).text(pdfText(value), options);
  const phrase = (parts: Phrase) => parts.map((part) => (typeof part === 'string' ? part : readableDate(part, reader))).join('');
  const heading = (title: string) => {
    if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
    doc.moveDown(0.8);
    text(title, {}, BOLD, 13);
    const y = doc.y + 1;
    doc
      .moveTo(MARGIN, y)
      .lineTo(doc.page.width - MARGIN, y)
      .lineWidth(0.5)
      .stroke('#888888');
    doc.moveDown(0.4);
  };
  const pair = (label: string, value: string, mono = false) => {
    text(`${label}: `, { continued: true }, BOLD);
    text(value, {}, mono ? MONO : BODY, mono ? 9 : 10);
  };
  const reasons = (list: Memo['reasons']) => {
    for (const reason of list) {
      text(`${reason.number}. ${reason.kind} (${reason.appliesTo}): `, { continued: true }, BOLD);
      text(reason.explanation);
      text(`Source: ${reason.citation} (rule ${reason.ruleId})`, { indent: 14 }, BODY, 9);
      if (reason.url) text(reason.url, { indent: 14, link: reason.url, underline: true }, BODY, 8.5);
      if (reason.note) text(`Note: ${reason.note}`, { indent: 14 }, BODY, 9);
      doc.moveDown(0.4);
    }
  };

  text(memo.title, {}, BOLD, 20);
  text(`Determination memo from Policy Ledger, generated ${readableDate({ iso: generatedAt, kind: 'instant' }, reader)}.`, {}, BODY, 9);
  doc.moveDown(0.8);
  const boxTop = doc.y;
  doc.x = MARGIN + 10;
  doc.y = boxTop + 8;
  text(memo.outcome.headline, { width: doc.page.width - 2 * MARGIN - 20 }, BOLD, 14);
  for (const detail of memo.outcome.details) text(detail, { width: doc.page.width - 2 * MARGIN - 20 });
  doc
    .rect(MARGIN, boxTop, doc.page.width - 2 * MARGIN, doc.y - boxTop + 8)
    .lineWidth(1.5)
    .stroke('#111111');
  doc.x = MARGIN;
  doc.y += 8;

  heading('Before relying on this ruling');
  const { conditions, caveats, assumptions } = memo.cautions;
  if (conditions.length + caveats.length + assumptions.length === 0)
    text('No conditions, caveats or assumptions: every rule and fact it rests on is confirmed.');
  if (conditions.length) text('Conditions of the exceptions relied on', {}, BOLD);
  for (const condition of conditions) text(`${condition.text}${condition.citation ? ` (${condition.citation})` : ''}`, { indent: 14 });
  if (caveats.length) text('Caveats: unconfirmed rules or facts this ruling rests on', {}, BOLD);
  for (const caveat of caveats) text(`${caveat.confidence} ${caveat.text}`, { indent: 14 });
  if (assumptions.length) text('Assumptions: facts the order left out, and how they were read', {}, BOLD);
  for (const assumption of assumptions) text(assumption.text, { indent: 14 });

  heading('The shipment');
  for (const row of memo.shipment) pair(row.label, phrase(row.value));
  doc.moveDown(0.4);
  for (const item of memo.items) {
    text(`Item ${item.number}: ${item.description}`, {}, BOLD);
    if (item.technical) text(item.technical, { indent: 14 }, BODY, 9);
    text(`ECCN ${item.eccn}. ${item.outcome}. Exceptions: ${item.exceptions.join(', ') || 'none'}.`, { indent: 14 });
  }
  for (const line of memo.ledger) text(line);

  heading('Reasons');
  text('The rules that applied, in the order the engine weighed them, each with its legal source.', {}, BODY, 9);
  doc.moveDown(0.3);
  reasons(memo.reasons);
  if (memo.considered.length) {
    heading('Also considered');
    text('Rules consulted that did not apply.', {}, BODY, 9);
    doc.moveDown(0.3);
    reasons(memo.considered);
  }

  heading('Enforcement stance');
  if (memo.enforcement.length === 0) text('No license requirement applied, so no enforcement stance bears on this ruling.');
  for (const note of memo.enforcement) {
    text(`${note.regime}: `, { continued: true }, BOLD);
    text(
      `${note.status} since ${readableDate(note.since, reader)}, per ${note.citation}.${note.suspended ? ' The legal outcome above is the letter of the law; the agency has said it will not enforce this requirement.' : ''}`,
    );
    if (note.url) text(note.url, { indent: 14, link: note.url, underline: true }, BODY, 8.5);
  }

  heading('Which law, as known when');
  for (const coordinate of memo.coordinates) pair(coordinate.label, phrase(coordinate.explanation));

  heading('The record');
  for (const row of memo.record) pair(row.label, phrase(row.value), row.copyable === true);

  heading('Audit receipt');
  if (memo.receipt === null) text('This server returned no receipt for the ruling.');
  else {
    text(RECEIPT_EXPLANATION, {}, BODY, 9);
    doc.moveDown(0.3);
    for (const row of receiptRows(memo.receipt)) pair(row.label, phrase(row.value), row.copyable === true);
  }

  doc.moveDown(1.2);
  text(memo.notice, {}, BODY, 9);

  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Below the body's bottom margin: without this pdfkit would start a new page for the footer.
    doc.page.margins.bottom = 0;
    const footer = pdfText(`${memo.title} · page ${index + 1} of ${range.count} · Not legal advice`);
    doc
      .font(BODY)
      .fontSize(8)
      .text(footer, MARGIN, doc.page.height - MARGIN + 4, { width: doc.page.width - 2 * MARGIN, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
