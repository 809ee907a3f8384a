import { legal, instant } from '#memo';
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { RulingsQuery, type DeterminationOrder, type RulingsQuery as RulingsResult } from '../../api/generated.js';
import { useQuery } from '../../api/use-query.js';
import { DateText } from '../../ui/date-text.js';
import { OutcomeBadge } from '../../ui/outcome-badge.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { FIELDS, ORDERS, PAGE_SIZE, filterOf, searchFromQuery, searchUrl, type SearchForm } from './rulings-search.js';
import { TableWrap } from '../../ui/table-wrap.js';

const LABELS: Record<keyof SearchForm, string> = {
  reference: 'Reference',
  consignee: 'Consignee id',
  destination: 'Destination (country code)',
  outcome: 'Outcome',
  validFrom: 'Valid from',
  validTo: 'Valid to',
  issuedFrom: 'Issued from (UTC)',
  issuedTo: 'Issued to (UTC)',
};

/** Rulings: search the recorded determinations. The URL holds the whole search, so a result list can be sent on. */
export default function RulingsPage() {
  useTitle('Rulings');
  const { query, route } = useLocation();
  const { form, order, after } = searchFromQuery(query);
  const [draft, setDraft] = useState<SearchForm>(form);
  const formKey = JSON.stringify(form);
  useEffect(() => setDraft(form), [formKey]);
  const parsed = filterOf(form);
  const variables = 'filter' in parsed ? { filter: parsed.filter, first: PAGE_SIZE, orderBy: order, ...(after ? { after } : {}) } : undefined;
  const result = useQuery(RulingsQuery, variables);

  const submit = (event: Event) => {
    event.preventDefault();
    route(searchUrl(draft, order));
  };
  const sortBy = (next: DeterminationOrder) => route(searchUrl(form, next));

  return (
    <>
      <h1>Rulings</h1>
      <form class="search" onSubmit={submit} aria-label="Search rulings">
        <div class="fields">
          {FIELDS.map((field) => (
            <div class="field" key={field}>
              <label for={`search-${field}`}>{LABELS[field]}</label>
              {field === 'outcome' ? (
                <select
                  id="search-outcome"
                  value={draft.outcome}
                  onChange={(event) => setDraft({ ...draft, outcome: (event.target as HTMLSelectElement).value })}
                >
                  <option value="">Any outcome</option>
                  <option value="NO_LICENSE_REQUIRED">No license required</option>
                  <option value="LICENSE_EXCEPTION">License exception</option>
                  <option value="LICENSE_REQUIRED">License required</option>
                </select>
              ) : field.endsWith('From') || field.endsWith('To') ? (
                <input
                  id={`search-${field}`}
                  type="date"
                  value={draft[field]}
                  onInput={(event) => setDraft({ ...draft, [field]: (event.target as HTMLInputElement).value })}
                />
              ) : (
                <input
                  id={`search-${field}`}
                  type="text"
                  value={draft[field]}
                  onInput={(event) => setDraft({ ...draft, [field]: (event.target as HTMLInputElement).value })}
                  autocomplete="off"
                />
              )}
            </div>
          ))}
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            Search
          </button>
          <a href="/console/rulings">Clear</a>
        </div>
      </form>
      {'problems' in parsed ? (
        <div class="notice notice-error" role="alert">
          <ul>
            {parsed.problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="sort">
        <label for="sort">Sort by</label>
        <select id="sort" value={order} onChange={(event) => sortBy((event.target as HTMLSelectElement).value as DeterminationOrder)}>
          {Object.entries(ORDERS).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      {result.status === 'loading' && variables ? <Loading what="rulings" /> : null}
      {result.status === 'error' ? <ErrorNotice error={result.error} /> : null}
      {result.status === 'done' ? <Results data={result.data} form={form} order={order} after={after} onSort={sortBy} /> : null}
    </>
  );
}

function Results({
  data,
  form,
  order,
  after,
  onSort,
}: {
  data: RulingsResult;
  form: SearchForm;
  order: DeterminationOrder;
  after: string | undefined;
  onSort: (order: DeterminationOrder) => void;
}) {
  const { totalCount, nodes, pageInfo } = data.determinations;
  const next = pageInfo.hasNextPage && pageInfo.endCursor ? searchUrl(form, order, pageInfo.endCursor) : undefined;
  const previous = after ? previousOf(searchUrl(form, order, after)) : undefined;
  const sortHeader = (label: string, ascending: DeterminationOrder, descending: DeterminationOrder) => {
    const sorted = order === ascending ? 'ascending' : order === descending ? 'descending' : undefined;
    return (
      <th scope="col" aria-sort={sorted ?? 'none'}>
        <button type="button" class="sort-button" onClick={() => onSort(order === descending ? ascending : descending)}>
          {label}
          <span aria-hidden="true">{sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}</span>
        </button>
      </th>
    );
  };
  return (
    <section aria-labelledby="results-heading">
      <div role="status">
        <h2 id="results-heading">
          {totalCount === 0 ? 'No ruling matches' : `${totalCount.toLocaleString()} ${totalCount === 1 ? 'ruling matches' : 'rulings match'}`}
        </h2>
      </div>
      {nodes.length > 0 ? (
        <TableWrap label="Rulings found">
          <table class="rulings">
            <caption class="visually-hidden">Rulings, {ORDERS[order].toLowerCase()}</caption>
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Outcome</th>
                <th scope="col">Destination</th>
                <th scope="col">Consignee</th>
                {sortHeader('Valid at', 'VALID_AT_ASC', 'VALID_AT_DESC')}
                {sortHeader('Issued', 'ISSUED_ASC', 'ISSUED_DESC')}
              </tr>
            </thead>
            <tbody>
              {nodes.map((ruling) => {
                const input = ruling.givenInput;
                return (
                  <tr key={ruling.id}>
                    <td>
                      <a href={`/console/rulings/${encodeURIComponent(ruling.id)}`}>{ruling.reference ?? ruling.id}</a>
                    </td>
                    <td>
                      <OutcomeBadge outcome={ruling.outcome} />
                      {ruling.exceptions.length ? <span class="hint"> {ruling.exceptions.join(', ')}</span> : null}
                    </td>
                    <td>{input.destination}</td>
                    <td>
                      {input.consignee.name ?? ''} <span class="hint">{input.consignee.id}</span>
                    </td>
                    <td>
                      <DateText value={legal(ruling.policyVersion.validAt)} />
                    </td>
                    <td>
                      <DateText value={instant(ruling.issuedAt)} />
                      <span class="hint"> by {ruling.issuedBy}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
      <nav class="pager" aria-label="Pages of results">
        {after ? <a href={searchUrl(form, order)}>First page</a> : null}
        {previous ? <a href={previous}>Previous page</a> : null}
        {next ? (
          <a href={next} onClick={() => rememberPrevious(next, searchUrl(form, order, after))}>
            Next page
          </a>
        ) : null}
      </nav>
    </section>
  );
}

/**
 * Keyset cursors only lead forward: each page remembers (for this tab) the page whose "Next"
 * led to it, so "Previous" goes back without the browser's history. A page opened from a link
 * has no previous one; "First page" is always there.
 */
const PREVIOUS_PAGES = 'policy-ledger.previous-pages';

function rememberPrevious(page: string, previous: string): void {
  const known = JSON.parse(sessionStorage.getItem(PREVIOUS_PAGES) ?? '{}') as Record<string, string>;
  known[page] = previous;
  sessionStorage.setItem(PREVIOUS_PAGES, JSON.stringify(known));
}

function previousOf(page: string): string | undefined {
  return (JSON.parse(sessionStorage.getItem(PREVIOUS_PAGES) ?? '{}') as Record<string, string>)[page];
}
