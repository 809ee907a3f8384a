import './amendments.css';
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { DraftAmendmentMutation } from '../../api/generated.js';
import { ApiError, request } from '../../api/graphql.js';
import { ErrorNotice, useTitle } from '../../ui/status.js';

interface Draft {
  title: string;
  rationale: string;
  citation: string;
  url: string;
  publishedAt: string;
  changes: string;
}

const EXAMPLE = `[
  { "type": "SET_THRESHOLD", "parameter": "lpp.cap.tpp", "value": 20000000, "unit": "TPP", "effectiveAt": "2026-12-01" }
]`;

/**
 * Draft an amendment: its heading and its changes as JSON in the shape of a policy file's
 * changes (ChangeInput). The API checks every change against the policy and names what is wrong.
 */
export default function DraftPage() {
  useTitle('Draft an amendment');
  const { route } = useLocation();
  const [draft, setDraft] = useState<Draft>({ title: '', rationale: '', citation: '', url: '', publishedAt: '', changes: EXAMPLE });
  const [problem, setProblem] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState(false);
  const field = (name: keyof Draft) => ({
    id: `draft-${name}`,
    value: draft[name],
    onInput: (event: Event) => setDraft({ ...draft, [name]: (event.target as HTMLInputElement).value }),
  });

  const submit = async (event: Event) => {
    event.preventDefault();
    let changes: unknown;
    try {
      changes = JSON.parse(draft.changes);
    } catch (error) {
      setProblem(new ApiError(`The changes are not JSON: ${(error as Error).message}`, 'BAD_USER_INPUT'));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      const source = { citation: draft.citation, publishedAt: draft.publishedAt, ...(draft.url.trim() ? { url: draft.url.trim() } : {}) };
      const { draftAmendment } = await request(DraftAmendmentMutation, {
        input: { title: draft.title, rationale: draft.rationale, source, changes: changes as never },
      });
      route(`/console/amendments/${draftAmendment.id}?written=${draftAmendment.position}`);
    } catch (error) {
      setProblem(error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL'));
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Draft an amendment</h1>
      <p>You will be its author: someone else must approve it before it is published (four eyes).</p>
      {problem ? <ErrorNotice error={problem} /> : null}
      <form class="draft" onSubmit={submit} aria-label="Draft an amendment">
        <div class="field">
          <label for="draft-title">Title</label>
          <input type="text" required {...field('title')} />
        </div>
        <div class="field">
          <label for="draft-rationale">Rationale</label>
          <textarea rows={3} required {...field('rationale')} />
        </div>
        <div class="field">
          <label for="draft-citation">Source citation</label>
          <input type="text" required {...field('citation')} />
        </div>
        <div class="field">
          <label for="draft-url">Source URL (optional)</label>
          <input type="url" {...field('url')} />
        </div>
        <div class="field">
          <label for="draft-publishedAt">Source published on</label>
          <input type="date" required {...field('publishedAt')} />
        </div>
        <div class="field">
          <label for="draft-changes">Changes (JSON, as in a policy file)</label>
          <textarea rows={10} class="code" spellcheck={false} required {...field('changes')} />
        </div>
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy ? 'Saving the draft…' : 'Save the draft'}
          </button>
        </div>
      </form>
    </>
  );
}
