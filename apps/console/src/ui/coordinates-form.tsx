import { useEffect, useState } from 'preact/hooks';

/** Coordinates as typed: YYYY-MM-DD dates, empty for the default. */
export interface CoordinatesDraft {
  validAt: string;
  knownAt: string;
  publishedBy: string;
}

const HELP: Record<keyof CoordinatesDraft, string> = {
  validAt: 'The date the law is applied to (legal time).',
  knownAt: 'What this system had recorded by the end of that day. Empty: today.',
  publishedBy: 'Count only sources published by that day. Empty: every source.',
};

/** The three coordinates with their meaning beside each field; dates are whole days in UTC. */
export function CoordinatesForm({
  value,
  labels,
  onSubmit,
  submitLabel,
  idPrefix,
}: {
  value: CoordinatesDraft;
  labels: Record<keyof CoordinatesDraft, string>;
  onSubmit: (draft: CoordinatesDraft) => void;
  submitLabel: string;
  idPrefix: string;
}) {
  const [draft, setDraft] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => setDraft(value), [key]);
  return (
    <form
      class="coordinates"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(draft);
      }}
    >
      {(Object.keys(HELP) as Array<keyof CoordinatesDraft>).map((field) => (
        <div class="field" key={field}>
          <label for={`${idPrefix}-${field}`}>{labels[field]}</label>
          <input
            id={`${idPrefix}-${field}`}
            type="date"
            value={draft[field]}
            aria-describedby={`${idPrefix}-${field}-help`}
            onInput={(event) => setDraft({ ...draft, [field]: (event.target as HTMLInputElement).value })}
          />
          <span id={`${idPrefix}-${field}-help`} class="hint">
            {HELP[field]}
          </span>
        </div>
      ))}
      <div class="actions">
        <button type="submit" class="primary">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

const isDay = (value: string | undefined): value is string => value !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Days from a URL query; anything that is not a day is left out. */
export function draftFromQuery(query: Record<string, string>, prefix = ''): CoordinatesDraft {
  const day = (name: string) => (isDay(query[`${prefix}${name}`]) ? query[`${prefix}${name}`]! : '');
  return { validAt: day('validAt'), knownAt: day('knownAt'), publishedBy: day('publishedBy') };
}

/** The API's coordinates for a draft: knowledge to the end of its day, the rest at the day's start. */
export function coordinatesOf(draft: CoordinatesDraft): { validAt?: string; knownAt?: string; publishedBy?: string } {
  return {
    ...(draft.validAt ? { validAt: `${draft.validAt}T00:00:00.000Z` } : {}),
    ...(draft.knownAt ? { knownAt: `${draft.knownAt}T23:59:59.999Z` } : {}),
    ...(draft.publishedBy ? { publishedBy: `${draft.publishedBy}T23:59:59.999Z` } : {}),
  };
}

export function queryOf(draft: CoordinatesDraft, prefix = ''): URLSearchParams {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(draft)) if (value) query.set(`${prefix}${name}`, value);
  return query;
}
