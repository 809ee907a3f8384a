import { eventTypeWords, instant, legal, partFields, redlineValue } from '#memo';
import { useLocation } from 'preact-iso';
import { LawDiffQuery } from '../../api/generated.js';
import { useQuery } from '../../api/use-query.js';
import { coordinatesOf, CoordinatesForm, draftFromQuery, queryOf, type CoordinatesDraft } from '../../ui/coordinates-form.js';
import { DateText } from '../../ui/date-text.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { SourceLink } from './source-link.js';
import { TableWrap } from '../../ui/table-wrap.js';

const FROM_LABELS = { validAt: 'From: valid at', knownAt: 'From: known at', publishedBy: 'From: published by' };
const TO_LABELS = { validAt: 'To: valid at', knownAt: 'To: known at', publishedBy: 'To: published by' };
const KIND_WORDS: Record<string, string> = { country: 'Country', parameter: 'Parameter', rule: 'Rule', regime: 'Regime' };
const CHANGE_WORDS: Record<string, string> = { ADDED: 'Added', REMOVED: 'Removed', CHANGED: 'Changed' };

/** What differs between the law at two coordinates (empty fields: today), and the recorded changes responsible. */
export default function LawDiffPage() {
  const { query, route } = useLocation();
  const from = draftFromQuery(query, 'from.');
  const to = draftFromQuery(query, 'to.');
  const result = useQuery(LawDiffQuery, { from: coordinatesOf(from), to: coordinatesOf(to) });
  useTitle('What changed in the law');
  const go = (nextFrom: CoordinatesDraft, nextTo: CoordinatesDraft) =>
    route(`/console/law/diff?${new URLSearchParams([...queryOf(nextFrom, 'from.'), ...queryOf(nextTo, 'to.')]).toString()}`);

  return (
    <>
      <h1>What changed in the law</h1>
      <div class="two-columns">
        <CoordinatesForm value={from} labels={FROM_LABELS} onSubmit={(next) => go(next, to)} submitLabel="Compare" idPrefix="from" />
        <CoordinatesForm value={to} labels={TO_LABELS} onSubmit={(next) => go(from, next)} submitLabel="Compare" idPrefix="to" />
      </div>
      {result.status === 'loading' ? <Loading what="the comparison" /> : null}
      {result.status === 'error' ? <ErrorNotice error={result.error} /> : null}
      {result.status === 'done' ? (
        <>
          <p>
            From the law on <DateText value={legal(result.data.policyDiff.from.validAt)} /> as known at{' '}
            <DateText value={instant(result.data.policyDiff.from.knownAt)} /> to the law on <DateText value={legal(result.data.policyDiff.to.validAt)} /> as
            known at <DateText value={instant(result.data.policyDiff.to.knownAt)} />.
          </p>
          <section aria-labelledby="parts-heading">
            <h2 id="parts-heading">{result.data.policyDiff.parts.length === 0 ? 'Nothing differs' : `${result.data.policyDiff.parts.length} parts differ`}</h2>
            {result.data.policyDiff.parts.length ? (
              <TableWrap label="Parts of the policy that differ">
                <table class="redline parts">
                  <caption class="visually-hidden">Parts of the policy that differ</caption>
                  <thead>
                    <tr>
                      <th scope="col">Part</th>
                      <th scope="col">Field</th>
                      <th scope="col">Before</th>
                      <th scope="col">After</th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.data.policyDiff.parts.map((part) =>
                      partFields(part.before, part.after).map((field, index, fields) => (
                        <tr key={`${part.kind}:${part.key}:${field.field}`}>
                          {index === 0 ? (
                            <th scope="row" rowSpan={fields.length}>
                              {KIND_WORDS[part.kind] ?? part.kind} <code>{part.key}</code>
                              <div class="hint">{CHANGE_WORDS[part.change] ?? part.change}</div>
                            </th>
                          ) : null}
                          <td>{field.field}</td>
                          <td>{field.before === null ? null : <del>{redlineValue(field.before)}</del>}</td>
                          <td>{field.after === null ? null : <ins>{redlineValue(field.after)}</ins>}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              </TableWrap>
            ) : null}
          </section>
          <section aria-labelledby="changes-heading">
            <h2 id="changes-heading">Recorded changes responsible</h2>
            <ol class="causes">
              {result.data.policyDiff.changes.map((change) => (
                <li key={change.changeId}>
                  <p>
                    <strong>{eventTypeWords(change.type)}</strong> <code>{change.changeId}</code>
                    {change.confidence === 'UNCONFIRMED' ? <span class="tag tag-warning">unconfirmed source</span> : null}
                  </p>
                  <p>
                    Effective <DateText value={legal(change.effectiveAt)} />; recorded <DateText value={instant(change.recordedAt)} />; source{' '}
                    <SourceLink source={change.source} />, published <DateText value={legal(change.source.publishedAt)} />.
                  </p>
                  {change.note ? <p class="hint">{change.note}</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </>
      ) : null}
    </>
  );
}
