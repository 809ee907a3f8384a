import { differencePathWords, eventTypeWords, instant, legal, redlineValue, wordsFor, OUTCOME_WORDS } from '#memo';
import { useLocation } from 'preact-iso';
import { ReplayQuery, type ReplayQuery as ReplayResult } from '../../api/generated.js';
import { useQuery } from '../../api/use-query.js';
import { Copyable } from '../../ui/copyable.js';
import { coordinatesOf, CoordinatesForm, draftFromQuery, queryOf, type CoordinatesDraft } from '../../ui/coordinates-form.js';
import { DateText } from '../../ui/date-text.js';
import { OutcomeBadge } from '../../ui/outcome-badge.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { TableWrap } from '../../ui/table-wrap.js';

const LABELS = { validAt: 'Valid at', knownAt: 'Known at', publishedBy: 'Published by' };

/**
 * Replay: the ruling re-evaluated at its original coordinates (it must reproduce exactly), and
 * at today's knowledge or chosen coordinates, as a redline with the recorded changes that caused it.
 */
export default function ReplayPage({ id }: { id: string }) {
  const { query, route } = useLocation();
  const draft = draftFromQuery(query);
  const chosen = Object.values(draft).some(Boolean);
  const result = useQuery(ReplayQuery, { id, at: coordinatesOf(draft) });
  const original = result.status === 'done' ? result.data.original.original : undefined;
  useTitle(original ? `Replay of ruling ${original.reference ?? original.id}` : 'Replay');

  const replayAt = (next: CoordinatesDraft) => {
    const text = queryOf(next).toString();
    route(`/console/rulings/${encodeURIComponent(id)}/replay${text ? `?${text}` : ''}`);
  };

  if (result.status === 'loading') return <Loading what="the replay" />;
  if (result.status === 'error') return <ErrorNotice error={result.error} />;
  const { original: atOriginal, replay } = result.data;
  const ruling = atOriginal.original;
  const reproduced = !atOriginal.changed && atOriginal.sameState;
  return (
    <article class="replay">
      <h1>Replay of ruling {ruling.reference ?? ruling.id}</h1>
      <p>
        <a href={`/console/rulings/${encodeURIComponent(ruling.id)}`}>Back to the memo</a>
      </p>

      <section aria-labelledby="original-heading">
        <h2 id="original-heading">At its original coordinates</h2>
        {reproduced ? (
          <div class="notice notice-ok">
            <p>
              <strong>Reproduced exactly.</strong> Re-evaluated under the law in force on <DateText value={legal(ruling.policyVersion.validAt)} /> as known at{' '}
              <DateText value={instant(ruling.policyVersion.knownAt)} />, the ruling gives the same outcome, the same reasons and the same policy state.
            </p>
            <p>
              Policy state hash: <Copyable value={atOriginal.replayed.policyVersion.stateHash} label="original policy state hash" />
            </p>
          </div>
        ) : (
          <div class="notice notice-error" role="alert">
            <p>
              <strong>Not reproduced.</strong> Re-evaluated at its original coordinates, this ruling{' '}
              {atOriginal.changed ? 'gives a different answer' : 'gives the same answer from a different policy state'}. The record may have been altered:
              verify the audit trail.
            </p>
            <p>
              Recorded state hash <code>{ruling.policyVersion.stateHash}</code>, replayed <code>{atOriginal.replayed.policyVersion.stateHash}</code>.
            </p>
          </div>
        )}
      </section>

      <section aria-labelledby="replay-heading">
        <h2 id="replay-heading">{chosen ? 'At the chosen coordinates' : "At today's knowledge"}</h2>
        <p>
          {chosen
            ? 'Empty fields keep their defaults: the original valid date, today’s knowledge, every source.'
            : 'The same shipment on the same valid date, under everything this system has recorded up to now, including corrections recorded since.'}
        </p>
        <details class="choose" open={chosen}>
          <summary>Choose other coordinates</summary>
          <CoordinatesForm value={draft} labels={LABELS} onSubmit={replayAt} submitLabel="Replay" idPrefix="replay" />
        </details>
        <Redline original={ruling} replay={replay} />
      </section>
    </article>
  );
}

function Redline({ original, replay }: { original: ReplayResult['original']['original']; replay: ReplayResult['replay'] }) {
  const version = replay.replayed.policyVersion;
  return (
    <>
      <p>
        Replayed under the law in force on <DateText value={legal(version.validAt)} /> as known at <DateText value={instant(version.knownAt)} />
        {version.publishedBy ? (
          <>
            , counting sources published by <DateText value={legal(version.publishedBy)} />
          </>
        ) : null}
        .
      </p>
      {!replay.changed ? (
        <div class="notice notice-ok">
          <p>
            <strong>No difference.</strong> The outcome <OutcomeBadge outcome={replay.replayed.outcome} />, its exceptions, items and enforcement stance are the
            same
            {replay.sameState ? ', and so is the policy state.' : '; the policy changed elsewhere, in parts this ruling did not rely on.'}
          </p>
        </div>
      ) : (
        <>
          <p class="redline-outcome">
            Outcome: <del>{wordsFor(OUTCOME_WORDS, original.outcome)}</del> <ins>{wordsFor(OUTCOME_WORDS, replay.replayed.outcome)}</ins>
          </p>
          <TableWrap label="What differs">
            <table class="redline">
              <caption>What differs</caption>
              <thead>
                <tr>
                  <th scope="col">What</th>
                  <th scope="col">Was</th>
                  <th scope="col">Now</th>
                </tr>
              </thead>
              <tbody>
                {replay.differences.map((difference) => (
                  <tr key={difference.path}>
                    <th scope="row">{differencePathWords(difference.path)}</th>
                    <td>
                      <del>{redlineValue(difference.before)}</del>
                    </td>
                    <td>
                      <ins>{redlineValue(difference.after)}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
      <h3>Recorded changes that cause the difference</h3>
      {replay.causes.length === 0 ? (
        <p>No recorded change between the two sets of coordinates touches a rule, country, parameter or regime this ruling relied on.</p>
      ) : (
        <ol class="causes">
          {replay.causes.map((cause) => (
            <li key={cause.changeId}>
              <p>
                <strong>{eventTypeWords(cause.type)}</strong> <code>{cause.changeId}</code>
              </p>
              <p>
                Effective <DateText value={legal(cause.effectiveAt)} />; recorded <DateText value={instant(cause.recordedAt)} />.
              </p>
              <p>
                Source:{' '}
                {cause.source.url ? (
                  <a href={cause.source.url} rel="noreferrer noopener" target="_blank">
                    {cause.source.citation}
                  </a>
                ) : (
                  <cite>{cause.source.citation}</cite>
                )}
                , published <DateText value={legal(cause.source.publishedAt)} />.
              </p>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
