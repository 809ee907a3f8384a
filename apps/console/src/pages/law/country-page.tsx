import { countryName, legal } from '#memo';
import { CountryHistoryQuery } from '../../api/generated.js';
import { useQuery } from '../../api/use-query.js';
import { DateText } from '../../ui/date-text.js';
import { reader } from '../../ui/reader.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { SourceLink } from './source-link.js';

/** A country's status history: its tier and country groups over legal time, each period with the change that started it. */
export default function CountryPage({ country }: { country: string }) {
  const code = country.toUpperCase();
  const name = countryName(code, reader);
  useTitle(`${name}: status history`);
  const result = useQuery(CountryHistoryQuery, { country: code });
  return (
    <>
      <h1>{name}: status history</h1>
      <p>
        Its tier and country groups over legal time, as this system knows them today. <a href="/console/law">The whole law on a date</a>
      </p>
      {result.status === 'loading' ? <Loading what="the history" /> : null}
      {result.status === 'error' ? <ErrorNotice error={result.error} /> : null}
      {result.status === 'done' ? (
        result.data.countryHistory.periods.length === 0 ? (
          <p>The policy has never named {name}: it has had the default classification throughout.</p>
        ) : (
          <ol class="timeline">
            {[...result.data.countryHistory.periods].reverse().map((period) => (
              <li key={period.from} class={period.to === null ? 'current' : undefined}>
                <p class="when">
                  {period.to === null ? 'Since ' : 'From '}
                  <DateText value={legal(period.from)} />
                  {period.to === null ? (
                    ' (in force)'
                  ) : (
                    <>
                      {' '}
                      until <DateText value={legal(period.to)} />
                    </>
                  )}
                </p>
                <p>
                  <strong>{period.tier === null ? 'No tier' : `Tier ${period.tier}`}</strong>
                  {period.defaultTier ? ' (the default tier)' : ''}; country groups: {period.groups.join(', ') || 'none'}
                </p>
                {period.source ? (
                  <p class="citation">
                    <SourceLink source={period.source} /> <span class="hint">(change {period.changeId})</span>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )
      ) : null}
    </>
  );
}
