import { eventTypeWords, legal } from '#memo';
import type { AmendmentDetailQuery } from '../../api/generated.js';
import { DateText } from '../../ui/date-text.js';
import { TableWrap } from '../../ui/table-wrap.js';

type Redline = AmendmentDetailQuery['amendmentRedline'];
type Row = Redline['entries'][number]['rows'][number];

const KIND_WORDS: Record<string, string> = { country: 'Country', parameter: 'Parameter', rule: 'Rule', regime: 'Regime' };
const CHANGE_WORDS: Record<string, string> = { ADDED: 'Added', REMOVED: 'Removed', CHANGED: 'Changed' };

/** The amendment as a legal redline: per part and field, words struck out and inserted, each line with its change and effective date. */
export function RedlineSection({ redline, published }: { redline: Redline; published: boolean }) {
  return (
    <section aria-labelledby="redline-heading">
      <h2 id="redline-heading">Redline</h2>
      <p class="hint">
        {published ? 'Against the policy as it stood before publication' : 'Against the policy as recorded now'} (position {redline.againstPosition}).
      </p>
      {redline.entries.length === 0 ? <p>The changes alter nothing where they take effect.</p> : null}
      {redline.entries.length > 0 ? (
        <TableWrap label="Redline">
          <table class="redline">
            <caption class="visually-hidden">Redline of the amendment</caption>
            <thead>
              <tr>
                <th scope="col">Part</th>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
                <th scope="col">Owed to</th>
              </tr>
            </thead>
            <tbody>
              {redline.entries.map((entry) =>
                entry.rows.map((row, index) => (
                  <tr key={`${entry.kind}:${entry.key}:${row.field}`}>
                    {index === 0 ? (
                      <th scope="row" rowSpan={entry.rows.length}>
                        {KIND_WORDS[entry.kind] ?? entry.kind} <code>{entry.key}</code>
                        <div class="hint">{CHANGE_WORDS[entry.change] ?? entry.change}</div>
                      </th>
                    ) : null}
                    <td>{row.field}</td>
                    <td class="before">{row.before === null ? null : <Segments row={row} side="before" />}</td>
                    <td class="after">{row.after === null ? null : <Segments row={row} side="after" />}</td>
                    {index === 0 ? (
                      <td rowSpan={entry.rows.length}>
                        {entry.causes.map((cause) => (
                          <div key={cause.changeId}>
                            {eventTypeWords(cause.type)} <code>{cause.changeId}</code>, effective <DateText value={legal(cause.effectiveAt)} />
                          </div>
                        ))}
                      </td>
                    ) : null}
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      {redline.withoutEffect.length > 0 ? (
        <p class="hint">Without effect where they take effect: {redline.withoutEffect.map((cause) => cause.changeId).join(', ')}.</p>
      ) : null}
    </section>
  );
}

/** One side of a row, word by word: kept words plain, the other side's words left out, this side's own marked. */
function Segments({ row, side }: { row: Row; side: 'before' | 'after' }) {
  const own = side === 'before' ? 'DELETED' : 'INSERTED';
  return (
    <span class="words">
      {row.segments
        .filter((segment) => segment.mark === 'SAME' || segment.mark === own)
        .map((segment, index) =>
          segment.mark === 'SAME' ? (
            <span key={index}>{segment.text}</span>
          ) : side === 'before' ? (
            <del key={index}>{segment.text}</del>
          ) : (
            <ins key={index}>{segment.text}</ins>
          ),
        )}
    </span>
  );
}
