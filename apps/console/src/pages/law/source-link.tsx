/** A legal source's citation, linked to where it can be read when the record has its address. */
export function SourceLink({ source }: { source: { citation: string; url?: string | null } }) {
  return source.url ? (
    <a href={source.url} rel="noreferrer noopener" target="_blank">
      {source.citation}
    </a>
  ) : (
    <cite>{source.citation}</cite>
  );
}
