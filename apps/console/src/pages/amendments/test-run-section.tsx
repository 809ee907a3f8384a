import { useState } from 'preact/hooks';
import { AmendmentTestsQuery, type AmendmentTestsQuery as TestsResult } from '../../api/generated.js';
import { ApiError, request } from '../../api/graphql.js';
import { ErrorNotice, Loading } from '../../ui/status.js';

type Run = TestsResult['amendmentTestRun'];

/**
 * The team's case file (the format of test/golden/determinations.yaml, docs/policy-tests.md) run
 * with the amendment applied and without it: what passes, what fails and why, and which cases the
 * amendment turns.
 */
export function TestRunSection({ id }: { id: string }) {
  const [cases, setCases] = useState('');
  const [state, setState] = useState<{ status: 'idle' | 'loading' } | { status: 'error'; error: ApiError } | { status: 'done'; run: Run }>({ status: 'idle' });
  const run = (event: Event) => {
    event.preventDefault();
    setState({ status: 'loading' });
    request(AmendmentTestsQuery, { id, cases }).then(
      (data) => setState({ status: 'done', run: data.amendmentTestRun }),
      (error: unknown) => setState({ status: 'error', error: error instanceof ApiError ? error : new ApiError(String(error), 'INTERNAL') }),
    );
  };
  return (
    <section aria-labelledby="tests-heading">
      <h2 id="tests-heading">Test suite</h2>
      <form onSubmit={run} aria-label="Run a case file">
        <div class="field">
          <label for="test-cases">Case file (YAML, as policyctl test reads it)</label>
          <textarea
            id="test-cases"
            rows={8}
            class="code"
            spellcheck={false}
            value={cases}
            onInput={(event) => setCases((event.target as HTMLTextAreaElement).value)}
          />
        </div>
        <button type="submit" disabled={state.status === 'loading' || cases.trim() === ''}>
          Run the cases
        </button>
      </form>
      {state.status === 'loading' ? <Loading what="the test results" /> : null}
      {state.status === 'error' ? <ErrorNotice error={state.error} /> : null}
      {state.status === 'done' ? <TestResults run={state.run} /> : null}
    </section>
  );
}

function TestResults({ run }: { run: Run }) {
  return (
    <div class="test-results">
      <p role="status" class={run.failed === 0 ? 'notice notice-ok' : 'notice notice-error'}>
        With the amendment: {run.passed} of {run.total} cases pass, {run.failed} fail.
      </p>
      {run.changedByAmendment.length > 0 ? (
        <>
          <h3>Cases the amendment turns</h3>
          <ul>
            {run.changedByAmendment.map((name) => {
              const result = run.cases.find((candidate) => candidate.name === name);
              return (
                <li key={name}>
                  {name}: {result?.passed ? 'now passes' : 'now fails'}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>The amendment turns none of these cases.</p>
      )}
      {run.cases
        .filter((result) => !result.passed)
        .map((result) => (
          <details key={result.name} class="test-failure">
            <summary>
              Fails: {result.name} (line {result.line})
            </summary>
            {result.error ? <p>Refused: {result.error}</p> : null}
            <ul>
              {result.mismatches.map((mismatch) => (
                <li key={mismatch.path}>
                  <code>{mismatch.path}</code>: expected <code>{JSON.stringify(mismatch.expected)}</code>, got <code>{JSON.stringify(mismatch.actual)}</code>
                </li>
              ))}
            </ul>
            {result.deciding.length > 0 ? (
              <>
                <p>Decided by:</p>
                <ul>
                  {result.deciding.map((entry, index) => (
                    <li key={index}>
                      {entry.matched ? 'matched' : 'not matched'} {entry.kind} <code>{entry.ruleId}</code>, {entry.citation}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </details>
        ))}
    </div>
  );
}
