import { readableDate, receiptRows, RECEIPT_EXPLANATION, type Memo, type Phrase, type Reader } from '#memo';

const escape = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const phrase = (parts: Phrase, reader: Reader) =>
  parts.map((part) => (typeof part === 'string' ? escape(part) : `<time datetime="${escape(part.iso)}">${escape(readableDate(part, reader))}</time>`)).join('');

const citation = (text: string, url: string | null) =>
  url ? `<a href="${escape(url)}">${escape(text)}</a> <span class="url">&lt;${escape(url)}&gt;</span>` : `<cite>${escape(text)}</cite>`;

/**
 * The memo as one self-contained, print-ready HTML page (no script, no outside resource): what the
 * console's memo page shows, for the file. Dates in the reader's locale with the ISO date beside.
 */
export function memoHtml(memo: Memo, reader: Reader, generatedAt: string): string {
  const rows = (pairs: Array<{ label: string; value: Phrase }>) =>
    pairs.map((pair) => `<tr><th scope="row">${escape(pair.label)}</th><td>${phrase(pair.value, reader)}</td></tr>`).join('');
  const reasons = (list: Memo['reasons']) =>
    list
      .map(
        (reason) =>
          `<li><p><strong>${escape(reason.kind)}</strong> (${escape(reason.appliesTo)}): ${escape(reason.explanation)}</p>` +
          `<p class="citation">${citation(reason.citation, reason.url)} (rule ${escape(reason.ruleId)})</p>` +
          (reason.note ? `<p class="note">Note: ${escape(reason.note)}</p>` : '') +
          '</li>',
      )
      .join('');
  return `<!doctype html>
<html lang="${escape(reader.locale ?? 'en')}">
<head>
<meta charset="utf-8">
<title>${escape(memo.title)}</title>
<style>
@page { size: auto; margin: 18mm 16mm; }
body { font: 11pt/1.45 Georgia, 'Times New Roman', serif; color: #111; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 20pt; margin: 0 0 0.25rem; }
h2 { font-size: 13pt; border-bottom: 1px solid #999; margin: 1.5rem 0 0.5rem; break-after: avoid; }
.meta { color: #444; font-size: 9.5pt; }
.outcome { border: 2px solid #111; padding: 0.5rem 0.75rem; margin: 1rem 0; }
.outcome .headline { font-size: 14pt; font-weight: bold; margin: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 0.25rem 0.5rem 0.25rem 0; border-bottom: 1px solid #ddd; }
th[scope=row] { width: 30%; }
code, .hash { font-family: 'Courier New', monospace; font-size: 9.5pt; overflow-wrap: anywhere; }
li { margin-bottom: 0.5rem; break-inside: avoid; }
li p { margin: 0.1rem 0; }
.citation, .note, .url { font-size: 9.5pt; }
.url { color: #444; overflow-wrap: anywhere; }
.notice { border-top: 1px solid #999; margin-top: 2rem; padding-top: 0.5rem; font-size: 9.5pt; }
</style>
</head>
<body>
<h1>${escape(memo.title)}</h1>
<p class="meta">Determination memo from Policy Ledger, generated ${escape(readableDate({ iso: generatedAt, kind: 'instant' }, reader))}. Determination <code>${escape(memo.determinationId)}</code>.</p>
<section class="outcome"><p class="headline">${escape(memo.outcome.headline)}</p>${memo.outcome.details.map((detail) => `<p>${escape(detail)}</p>`).join('')}</section>
<h2>Before relying on this ruling</h2>
${cautions(memo)}
<h2>The shipment</h2>
<table>${rows(memo.shipment)}</table>
<h2>Items</h2>
<table><thead><tr><th>Item</th><th>What</th><th>ECCN</th><th>Outcome</th><th>Exceptions</th></tr></thead><tbody>
${memo.items.map((item) => `<tr><td>${item.number}</td><td>${escape(item.description)}${item.technical ? `<br><small>${escape(item.technical)}</small>` : ''}</td><td>${escape(item.eccn)}</td><td>${escape(item.outcome)}</td><td>${escape(item.exceptions.join(', ') || 'None')}</td></tr>`).join('')}
</tbody></table>
${memo.ledger.length ? `<ul>${memo.ledger.map((line) => `<li>${escape(line)}</li>`).join('')}</ul>` : ''}
<h2>Reasons</h2>
<p>The rules that applied, in the order the engine weighed them, each with its legal source.</p>
<ol>${reasons(memo.reasons)}</ol>
${memo.considered.length ? `<h2>Also considered</h2><p>Rules consulted that did not apply.</p><ol>${reasons(memo.considered)}</ol>` : ''}
<h2>Enforcement stance</h2>
${
  memo.enforcement.length === 0
    ? '<p>No license requirement applied, so no enforcement stance bears on this ruling.</p>'
    : `<ul>${memo.enforcement
        .map(
          (note) =>
            `<li><strong>${escape(note.regime)}</strong>: ${escape(note.status)} since ${phrase([note.since], reader)}, per ${citation(note.citation, note.url)}.${note.suspended ? ' The legal outcome above is the letter of the law; the agency has said it will not enforce this requirement.' : ''}</li>`,
        )
        .join('')}</ul>`
}
<h2>Which law, as known when</h2>
<table>${memo.coordinates.map((coordinate) => `<tr><th scope="row">${escape(coordinate.label)}</th><td>${phrase(coordinate.explanation, reader)}</td></tr>`).join('')}</table>
<h2>The record</h2>
<table>${memo.record.map((row) => `<tr><th scope="row">${escape(row.label)}</th><td${row.copyable ? ' class="hash"' : ''}>${phrase(row.value, reader)}</td></tr>`).join('')}</table>
<h2>Audit receipt</h2>
${
  memo.receipt === null
    ? '<p>This server returned no receipt for the ruling.</p>'
    : `<p>${escape(RECEIPT_EXPLANATION)}</p><table>${receiptRows(memo.receipt)
        .map((row) => `<tr><th scope="row">${escape(row.label)}</th><td${row.copyable ? ' class="hash"' : ''}>${phrase(row.value, reader)}</td></tr>`)
        .join('')}</table>`
}
<p class="notice">${escape(memo.notice)}</p>
</body>
</html>
`;
}

function cautions(memo: Memo): string {
  const { conditions, caveats, assumptions } = memo.cautions;
  if (conditions.length + caveats.length + assumptions.length === 0)
    return '<p>No conditions, caveats or assumptions: every rule and fact it rests on is confirmed.</p>';
  const list = (title: string, lines: string[]) => (lines.length ? `<h3>${title}</h3><ul>${lines.map((line) => `<li>${line}</li>`).join('')}</ul>` : '');
  return [
    list(
      'Conditions of the exceptions relied on',
      conditions.map((condition) => `${escape(condition.text)}${condition.citation ? ` <span class="citation">(${escape(condition.citation)})</span>` : ''}`),
    ),
    list(
      'Caveats: unconfirmed rules or facts this ruling rests on',
      caveats.map((caveat) => `<strong>${escape(caveat.confidence)}</strong> ${escape(caveat.text)}`),
    ),
    list(
      'Assumptions: facts the order left out, and how they were read',
      assumptions.map((assumption) => escape(assumption.text)),
    ),
  ].join('');
}
