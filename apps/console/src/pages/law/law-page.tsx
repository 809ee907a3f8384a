import { instant, legal, LEGAL_STATUS_WORDS, ENFORCEMENT_WORDS, RULE_KIND_WORDS, REVIEW_POLICY_WORDS, wordsFor } from '#memo';
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { LawOnADateQuery } from '../../api/generated.js';
import { useQuery } from '../../api/use-query.js';
import { Copyable } from '../../ui/copyable.js';
import { coordinatesOf, CoordinatesForm, draftFromQuery, queryOf, type CoordinatesDraft } from '../../ui/coordinates-form.js';
import { DateText } from '../../ui/date-text.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { SourceLink } from './source-link.js';
import { TableWrap } from '../../ui/table-wrap.js';

const LABELS = { validAt: 'Valid at', knownAt: 'Known at', publishedBy: 'Published by' };

/** The law on a date: the policy in force at chosen coordinates, with every part's source. */
export default function LawPage() {
  const { query, route } = useLocation();
  const draft = draftFromQuery(query);
  const result = useQuery(LawOnADateQuery, { at: coordinatesOf(draft) });
  const [country, setCountry] = useState('');
  useTitle(draft.validAt ? `The law on ${draft.validAt}` : 'The law today');

  const show = (next: CoordinatesDraft) => {
    const text = queryOf(next).toString();
    route(`/console/law${text ? `?${text}` : ''}`);
  };
  const compareWithToday = queryOf(draft, 'from.').toString();

  return (
    <>
      <h1>The law on a date</h1>
      <CoordinatesForm value={draft} labels={LABELS} onSubmit={show} submitLabel="Show the law" idPrefix="law" />
      <p class="no-print">
        <a href={`/console/law/diff?${compareWithToday}`}>Compare with today's law</a>
      </p>
      <form
        class="inline-form no-print"
        onSubmit={(event) => {
          event.preventDefault();
          if (/^[A-Za-z]{2}$/.test(country.trim())) route(`/console/law/countries/${country.trim().toUpperCase()}`);
        }}
      >
        <label for="country-code">A country's history (two-letter code)</label>
        <input id="country-code" value={country} maxLength={2} onInput={(event) => setCountry((event.target as HTMLInputElement).value)} autocomplete="off" />
        <button type="submit">Show history</button>
      </form>
      {result.status === 'loading' ? <Loading what="the law" /> : null}
      {result.status === 'error' ? <ErrorNotice error={result.error} /> : null}
      {result.status === 'done' ? <Policy policy={result.data.policy} /> : null}
    </>
  );
}

function Policy({ policy }: { policy: LawOnADateQuery['policy'] }) {
  const { version } = policy;
  return (
    <>
      <p>
        The policy <code>{policy.policyId}</code> in force on <DateText value={legal(version.validAt)} />, as this system had recorded it by{' '}
        <DateText value={instant(version.knownAt)} /> (position {version.knownPosition})
        {version.publishedBy ? (
          <>
            , counting sources published by <DateText value={legal(version.publishedBy)} />
          </>
        ) : null}
        . State hash <Copyable value={version.stateHash} label="policy state hash" />
      </p>

      <nav class="on-this-page" aria-label="On this page">
        <a href="#regimes-heading">Regimes ({policy.regimes.length})</a>
        <a href="#parameters-heading">Parameters ({policy.parameters.length})</a>
        <a href="#rules-heading">Rules ({policy.rules.length})</a>
        <a href="#countries-heading">Countries ({policy.countries.length})</a>
      </nav>

      <section aria-labelledby="regimes-heading">
        <h2 id="regimes-heading">Regimes</h2>
        <TableWrap label="Regimes">
          <table>
            <caption class="visually-hidden">Regimes with their legal and enforcement status</caption>
            <thead>
              <tr>
                <th scope="col">Regime</th>
                <th scope="col">Legal status</th>
                <th scope="col">Enforcement</th>
              </tr>
            </thead>
            <tbody>
              {policy.regimes.map((regime) => (
                <tr key={regime.id}>
                  <th scope="row">
                    {regime.title} <span class="hint">({regime.id})</span>
                  </th>
                  <td>
                    {wordsFor(LEGAL_STATUS_WORDS, regime.legalStatus)} since <DateText value={legal(regime.legalSince)} />
                  </td>
                  <td class={regime.enforcementStatus === 'SUSPENDED' ? 'suspended' : undefined}>
                    {wordsFor(ENFORCEMENT_WORDS, regime.enforcementStatus)} since <DateText value={legal(regime.enforcementSince)} />, per{' '}
                    <SourceLink source={regime.enforcementSource} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="parameters-heading">
        <h2 id="parameters-heading">Parameters</h2>
        <TableWrap label="Parameters">
          <table>
            <caption class="visually-hidden">Thresholds and caps</caption>
            <thead>
              <tr>
                <th scope="col">Parameter</th>
                <th scope="col">Value</th>
                <th scope="col">Effective</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {policy.parameters.map((parameter) => (
                <tr key={parameter.name}>
                  <th scope="row">
                    <code>{parameter.name}</code>
                  </th>
                  <td>
                    {parameter.value.toLocaleString()} {parameter.unit}
                  </td>
                  <td>
                    <DateText value={legal(parameter.effectiveAt)} />
                  </td>
                  <td>
                    <SourceLink source={parameter.source} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>

      <section aria-labelledby="rules-heading">
        <h2 id="rules-heading">Rules</h2>
        <ol class="rules">
          {policy.rules.map((rule) => (
            <li key={rule.id}>
              <p>
                <span class="tag">{wordsFor(RULE_KIND_WORDS, rule.kind)}</span> <strong>{rule.id}</strong> <span class="hint">({rule.regime})</span>
                {rule.code ? <span class="hint"> exception {rule.code}</span> : null}
                {rule.eccn ? <span class="hint"> ECCN {rule.eccn}</span> : null}
                {rule.reviewPolicy ? <span class="hint"> {wordsFor(REVIEW_POLICY_WORDS, rule.reviewPolicy)}</span> : null}
              </p>
              <p>{rule.explanation}</p>
              <p class="citation">
                <SourceLink source={{ citation: rule.citation, url: rule.source.url }} />, effective <DateText value={legal(rule.effectiveAt)} />
              </p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="countries-heading">
        <h2 id="countries-heading">Countries</h2>
        <p>Countries the policy names; any other destination takes the default tier where one is in force.</p>
        <TableWrap label="Countries">
          <table class="countries">
            <caption class="visually-hidden">Countries with their tier and country groups</caption>
            <thead>
              <tr>
                <th scope="col">Country</th>
                <th scope="col">Tier</th>
                <th scope="col">Country groups</th>
              </tr>
            </thead>
            <tbody>
              {policy.countries.map((entry) => (
                <tr key={entry.country}>
                  <th scope="row">
                    <a href={`/console/law/countries/${entry.country}`} aria-label={`${entry.country}: history`}>
                      {entry.country}
                    </a>
                  </th>
                  <td>{entry.tier ?? 'No tier'}</td>
                  <td>{entry.groups.join(', ') || 'None'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </section>
    </>
  );
}
