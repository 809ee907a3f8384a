import { useState } from 'preact/hooks';
import { AmendmentImpactReportQuery, type AmendmentImpactReportQuery as ImpactResult } from '../../api/generated.js';
import { ApiError, request } from '../../api/graphql.js';
import { ErrorNotice, Loading } from '../../ui/status.js';

const OUTCOME_WORDS: Record<string, string> = {
  NO_LICENSE_REQUIRED: 'no license required',
  LICENSE_EXCEPTION: 'license exception',
  LICENSE_REQUIRED: 'license required',
};
const words = (outcome: string) => OUTCOME_WORDS[outcome] ?? outcome;

/** The recorded rulings the amendment would turn, run on request (it re-evaluates every ruling in the window), samples linked to their rulings. */
export function ImpactSection({ id }: { id: string }) {
  const [state, setState] = useState<
    { status: 'idle' | 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; report: ImpactResult['amendmentImpact'] }
  >({
    status: 'idle',
  });
  const run = () => {
    setState({ status: 'loading' });
    request(AmendmentImpactReportQuery, { id }).then(
      (data) => setState({ status: 'done', report: data.amendmentImpact }),
      (error: unknown) => setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL') }),
    );
  };
  return (
    <section aria-labelledby="impact-heading">
      <h2 id="impact-heading">Impact on recorded rulings</h2>
      <button type="button" onClick={run} disabled={state.status === 'loading'}>
        {state.status === 'done' ? 'Run the impact report again' : 'Run the impact report'}
      </button>
      {state.status === 'loading' ? <Loading what="the impact report" /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} /> : null}
      {state.status === 'done' ? (
        <div class="impact">
          <p>
            <strong>
              {state.report.flipped} of {state.report.evaluated} recorded rulings
            </strong>{' '}
            would be decided differently.
          </p>
          {state.report.byTransition.length > 0 ? (
            <ul>
              {state.report.byTransition.map((transition) => (
                <li key={`${transition.from}>${transition.to}`}>
                  {transition.count} from {words(transition.from)} to {words(transition.to)}
                </li>
              ))}
            </ul>
          ) : null}
          {state.report.samples.length > 0 ? (
            <>
              <h3>Samples</h3>
              <ul>
                {state.report.samples.map((sample) => (
                  <li key={sample.determinationId}>
                    <a href={`/console/rulings/${encodeURIComponent(sample.determinationId)}`}>Ruling {sample.determinationId}</a>: {words(sample.before)} →{' '}
                    {words(sample.after)}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
