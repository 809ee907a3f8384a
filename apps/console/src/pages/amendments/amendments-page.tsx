import './amendments.css';
import { instant } from '#memo';
import { useLocation } from 'preact-iso';
import { AmendmentsQuery, type AmendmentStatus } from '../../api/generated.js';
import { useQuery } from '../../api/use-query.js';
import { DateText } from '../../ui/date-text.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { TableWrap } from '../../ui/table-wrap.js';
import { STATUS_WORDS } from './amendment-words.js';

const STATUSES: AmendmentStatus[] = ['DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED', 'REJECTED', 'WITHDRAWN'];

/** Amendments: every amendment of the policy, newest first, filtered by status in the URL. */
export default function AmendmentsPage() {
  useTitle('Amendments');
  const { query, route } = useLocation();
  const status = STATUSES.find((candidate) => candidate === query.status);
  const result = useQuery(AmendmentsQuery, { status: status ?? null, after: query.after ?? null });

  return (
    <>
      <h1>Amendments</h1>
      <p>
        <a class="button primary" href="/console/amendments/new">
          Draft an amendment
        </a>
      </p>
      <form class="search" aria-label="Filter amendments" onSubmit={(event) => event.preventDefault()}>
        <div class="field">
          <label for="amendments-status">Status</label>
          <select
            id="amendments-status"
            value={status ?? ''}
            onChange={(event) => {
              const next = (event.target as HTMLSelectElement).value;
              route(next === '' ? '/console/amendments' : `/console/amendments?status=${next}`);
            }}
          >
            <option value="">Any status</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {STATUS_WORDS[value]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {result.status === 'loading' ? <Loading what="the amendments" /> : null}
      {result.status === 'error' ? <ErrorNotice error={result.error} /> : null}
      {result.status === 'done' ? (
        <section aria-labelledby="amendments-heading">
          <h2 id="amendments-heading">{result.data.amendments.totalCount === 1 ? '1 amendment' : `${result.data.amendments.totalCount} amendments`}</h2>
          {result.data.amendments.nodes.length > 0 ? (
            <TableWrap label="Amendments">
              <table class="amendments">
                <caption class="visually-hidden">Amendments</caption>
                <thead>
                  <tr>
                    <th scope="col">Title</th>
                    <th scope="col">Status</th>
                    <th scope="col">Author</th>
                    <th scope="col">Last step</th>
                  </tr>
                </thead>
                <tbody>
                  {result.data.amendments.nodes.map((amendment) => {
                    const last = amendment.history.at(-1);
                    return (
                      <tr key={amendment.id}>
                        <td>
                          <a href={`/console/amendments/${amendment.id}`}>{amendment.title}</a>
                        </td>
                        <td>{STATUS_WORDS[amendment.status]}</td>
                        <td>{amendment.author}</td>
                        <td>{last ? <DateText value={instant(last.at)} /> : null}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          {result.data.amendments.pageInfo.hasNextPage ? (
            <p>
              <a
                href={`/console/amendments?${new URLSearchParams({ ...(status ? { status } : {}), after: result.data.amendments.pageInfo.endCursor ?? '' }).toString()}`}
              >
                Next page
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
