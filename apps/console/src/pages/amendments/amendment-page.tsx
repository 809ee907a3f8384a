import './amendments.css';
import { instant, legal } from '#memo';
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import {
  AmendmentDetailQuery,
  ApproveAmendmentMutation,
  PublishAmendmentMutation,
  RejectAmendmentMutation,
  SubmitAmendmentMutation,
  type AmendmentDetailQuery as AmendmentDetail,
} from '../../api/generated.js';
import { ApiError, request } from '../../api/graphql.js';
import { useQuery } from '../../api/use-query.js';
import { useSession, type Session } from '../../session/session.js';
import { DateText } from '../../ui/date-text.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { SourceLink } from '../law/source-link.js';
import { actionsFor, type ActionState, type AmendmentAction } from './amendment-actions.js';
import { ImpactSection } from './impact-section.js';
import { RedlineSection } from './redline-section.js';
import { STATUS_WORDS, STEP_WORDS } from './amendment-words.js';
import { TestRunSection } from './test-run-section.js';

type Amendment = NonNullable<AmendmentDetail['amendment']>;

/** One amendment: its status history, the actions the signed-in person may take, its redline, impact and test results. */
export default function AmendmentPage({ id }: { id: string }) {
  const { query, route } = useLocation();
  const written = query.written === undefined ? null : Number(query.written);
  const result = useQuery(AmendmentDetailQuery, { id, consistentWith: Number.isFinite(written) ? written : null });
  const session = useSession();
  const amendment = result.status === 'done' ? result.data.amendment : undefined;
  useTitle(amendment ? `Amendment: ${amendment.title}` : 'Amendment');

  if (result.status === 'loading') return <Loading what="the amendment" />;
  if (result.status === 'error') return <ErrorNotice error={result.error} />;
  if (!amendment || !session) return <ErrorNotice error={new ApiError(`No amendment ${id}`, 'NOT_FOUND')} />;
  const after = (position: number) => route(`/console/amendments/${encodeURIComponent(id)}?written=${position}`);

  return (
    <>
      <h1>Amendment: {amendment.title}</h1>
      <p class="status-line">
        <strong>{STATUS_WORDS[amendment.status]}</strong>. Drafted by {amendment.author}
        {amendment.contributors.length > 1 ? `, revised by ${amendment.contributors.slice(1).join(', ')}` : ''}. Source:{' '}
        <SourceLink source={amendment.source} />, published <DateText value={legal(amendment.source.publishedAt)} />.
      </p>
      <p>{amendment.rationale}</p>
      <Actions amendment={amendment} session={session} onDone={after} />
      <History amendment={amendment} />
      <RedlineSection redline={result.data.amendmentRedline} published={amendment.status === 'PUBLISHED'} />
      <ImpactSection id={amendment.id} />
      <TestRunSection id={amendment.id} />
    </>
  );
}

const ACTION_WORDS: Record<AmendmentAction, string> = { submit: 'Submit for approval', approve: 'Approve', reject: 'Reject', publish: 'Publish' };

/** The actions the status offers; one the person may not take is shown disabled with the reason beside it, before any click. */
function Actions({ amendment, session, onDone }: { amendment: Amendment; session: Session; onDone: (position: number) => void }) {
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const actions = actionsFor(amendment, { subject: session.subject, roles: session.roles });
  if (actions.length === 0) return null;

  const take = async (action: AmendmentAction) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const { id } = amendment;
      const position =
        action === 'submit'
          ? (await request(SubmitAmendmentMutation, { id })).submitAmendment.position
          : action === 'approve'
            ? (await request(ApproveAmendmentMutation, { id, comment: note.trim() === '' ? null : note })).approveAmendment.position
            : action === 'reject'
              ? (await request(RejectAmendmentMutation, { id, reason: note })).rejectAmendment.position
              : (await request(PublishAmendmentMutation, { id })).publishAmendment.position;
      setNote('');
      onDone(position);
    } catch (error) {
      setProblem(error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL'));
    } finally {
      setBusy(false);
    }
  };
  const needsNote = actions.some((state) => state.allowed && (state.action === 'approve' || state.action === 'reject'));

  return (
    <section class="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">What you may do</h2>
      {problem ? <ErrorNotice error={problem} /> : null}
      {needsNote ? (
        <div class="field">
          <label for="action-note">Comment for an approval, reason for a rejection</label>
          <textarea id="action-note" rows={2} value={note} onInput={(event) => setNote((event.target as HTMLTextAreaElement).value)} />
        </div>
      ) : null}
      <ul class="actions-list">
        {actions.map((state: ActionState) => (
          <li key={state.action}>
            <button
              type="button"
              class={state.action === 'reject' ? '' : 'primary'}
              disabled={!state.allowed || busy || (state.action === 'reject' && note.trim() === '')}
              aria-describedby={state.reason ? `why-not-${state.action}` : undefined}
              onClick={() => take(state.action)}
            >
              {ACTION_WORDS[state.action]}
            </button>
            {state.reason ? (
              <p id={`why-not-${state.action}`} class="why-not">
                {state.reason}
              </p>
            ) : state.action === 'reject' && note.trim() === '' ? (
              <p class="hint">A rejection needs a reason, written above.</p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function History({ amendment }: { amendment: Amendment }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Status history</h2>
      <ol class="history">
        {amendment.history.map((entry, index) => (
          <li key={index}>
            <strong>{STEP_WORDS[entry.type] ?? entry.type}</strong> by {entry.actor}, <DateText value={instant(entry.at)} />
            {entry.note ? <span class="hint">: {entry.note}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
