import { isoDate, localDate, type Dated, type Phrase } from '#memo';
import { reader } from './reader.js';

/** A date in the reader's locale with the ISO form beside it, machine-readable in <time>. */
export function DateText({ value }: { value: Dated }) {
  return (
    <time dateTime={value.iso}>
      {localDate(value, reader)} <span class="iso">({isoDate(value)})</span>
    </time>
  );
}

/** Text with dates in it. */
export function PhraseText({ phrase }: { phrase: Phrase }) {
  return <>{phrase.map((part, index) => (typeof part === 'string' ? part : <DateText key={index} value={part} />))}</>;
}
