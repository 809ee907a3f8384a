import { receiptRows, RECEIPT_EXPLANATION, type Memo, type MemoReason } from '#memo';
import type { ComponentChildren } from 'preact';
import { Copyable } from '../../ui/copyable.js';
import { DateText, PhraseText } from '../../ui/date-text.js';
import { OutcomeBadge } from '../../ui/outcome-badge.js';
import { TableWrap } from '../../ui/table-wrap.js';

/** The memo's content, section by section, as the memo export prints it too. */
export function MemoView({ memo, receiptActions }: { memo: Memo; receiptActions?: ComponentChildren }) {
  return (
    <>
      <section class="outcome-banner" aria-labelledby="outcome-heading">
        <h2 id="outcome-heading" class="visually-hidden">
          Outcome
        </h2>
        <p class="headline">
          <OutcomeBadge outcome={memo.outcome.code} /> {memo.outcome.headline}
        </p>
        {memo.outcome.details.map((detail) => (
          <p key={detail}>{detail}</p>
        ))}
      </section>

      <Cautions memo={memo} />

      <section aria-labelledby="shipment-heading">
        <h2 id="shipment-heading">The shipment</h2>
        <dl class="pairs">
          {memo.shipment.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>
                <PhraseText phrase={row.value} />
              </dd>
            </div>
          ))}
        </dl>
        <TableWrap label="Items">
          <table>
            <caption>Items</caption>
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">What</th>
                <th scope="col">ECCN</th>
                <th scope="col">Outcome</th>
                <th scope="col">Exceptions</th>
              </tr>
            </thead>
            <tbody>
              {memo.items.map((item) => (
                <tr key={item.number}>
                  <td>{item.number}</td>
                  <td>
                    {item.description}
                    {item.technical ? <div class="hint">{item.technical}</div> : null}
                  </td>
                  <td>{item.eccn}</td>
                  <td>{item.outcome}</td>
                  <td>{item.exceptions.join(', ') || 'None'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
        {memo.ledger.length ? (
          <ul class="ledger">
            {memo.ledger.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="reasons-heading">
        <h2 id="reasons-heading">Reasons</h2>
        <p>The rules that applied, in the order the engine weighed them, each with its legal source.</p>
        <ReasonList reasons={memo.reasons} />
        {memo.considered.length ? (
          <details>
            <summary>Also considered: {memo.considered.length} rules that did not apply</summary>
            <ReasonList reasons={memo.considered} />
          </details>
        ) : null}
      </section>

      <section aria-labelledby="enforcement-heading">
        <h2 id="enforcement-heading">Enforcement stance</h2>
        {memo.enforcement.length === 0 ? (
          <p>No license requirement applied, so no enforcement stance bears on this ruling.</p>
        ) : (
          <ul class="enforcement">
            {memo.enforcement.map((note) => (
              <li key={note.regime} class={note.suspended ? 'suspended' : undefined}>
                <strong>{note.regime}</strong>: {note.status} since <DateText value={note.since} />, per <Citation citation={note.citation} url={note.url} />.
                {note.suspended ? ' The legal outcome above is the letter of the law; the agency has said it will not enforce this requirement.' : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="coordinates-heading">
        <h2 id="coordinates-heading">Which law, as known when</h2>
        <dl class="pairs">
          {memo.coordinates.map((coordinate) => (
            <div key={coordinate.label}>
              <dt>{coordinate.label}</dt>
              <dd>
                <PhraseText phrase={coordinate.explanation} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">The record</h2>
        <dl class="pairs">
          {memo.record.map((row) => (
            <div key={row.label}>
              <dt>{row.label}</dt>
              <dd>{row.copyable ? <Copyable value={row.value.join('')} label={row.label} /> : <PhraseText phrase={row.value} />}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="receipt-heading">
        <h2 id="receipt-heading">Audit receipt</h2>
        {memo.receipt === null ? (
          <p>This server returned no receipt for the ruling.</p>
        ) : (
          <>
            <p>{RECEIPT_EXPLANATION}</p>
            <dl class="pairs">
              {receiptRows(memo.receipt).map((row) => (
                <div key={row.label}>
                  <dt>{row.label}</dt>
                  <dd>{row.copyable ? <Copyable value={row.value.join('')} label={row.label} /> : <PhraseText phrase={row.value} />}</dd>
                </div>
              ))}
            </dl>
            {receiptActions}
          </>
        )}
      </section>
      <p class="notice">{memo.notice}</p>
    </>
  );
}

function ReasonList({ reasons }: { reasons: MemoReason[] }) {
  return (
    <ol class="reasons">
      {reasons.map((reason) => (
        <li key={`${reason.ruleId}-${reason.appliesTo}`}>
          <p>
            <span class="tag">{reason.kind}</span> <span class="hint">{reason.appliesTo}</span> {reason.explanation}
          </p>
          <p class="citation">
            <Citation citation={reason.citation} url={reason.url} /> <span class="hint">(rule {reason.ruleId})</span>
          </p>
          {reason.note ? <p class="hint">Note: {reason.note}</p> : null}
        </li>
      ))}
    </ol>
  );
}

function Citation({ citation, url }: { citation: string; url: string | null }) {
  return url ? (
    <a href={url} rel="noreferrer noopener" target="_blank">
      {citation}
    </a>
  ) : (
    <cite>{citation}</cite>
  );
}

/** Conditions, caveats and assumptions, right under the outcome: what to know before relying on it. */
function Cautions({ memo }: { memo: Memo }) {
  const { conditions, caveats, assumptions } = memo.cautions;
  return (
    <section class="cautions" aria-labelledby="cautions-heading">
      <h2 id="cautions-heading">Before relying on this ruling</h2>
      {conditions.length + caveats.length + assumptions.length === 0 ? (
        <p>No conditions, caveats or assumptions: every rule and fact it rests on is confirmed.</p>
      ) : null}
      {conditions.length ? (
        <>
          <h3>Conditions of the exceptions relied on</h3>
          <ul>
            {conditions.map((condition) => (
              <li key={condition.text}>
                {condition.text}
                {condition.citation ? <span class="citation"> ({condition.citation})</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {caveats.length ? (
        <>
          <h3>Caveats: unconfirmed rules or facts this ruling rests on</h3>
          <ul>
            {caveats.map((caveat) => (
              <li key={caveat.text}>
                <strong>{caveat.confidence}</strong> {caveat.text}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {assumptions.length ? (
        <>
          <h3>Assumptions: facts the order left out, and how they were read</h3>
          <ul>
            {assumptions.map((assumption) => (
              <li key={assumption.text}>{assumption.text}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
