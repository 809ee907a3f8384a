import { buildMemo, RuleSourcesQuery, RulingMemoQuery } from '#memo';
import { useState } from 'preact/hooks';
import { downloadMemo, memoFileName } from '../../api/reports.js';
import { useQuery } from '../../api/use-query.js';
import { reader } from '../../ui/reader.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { MemoView } from './memo-view.js';

/** The memo of one ruling: what was decided, why, under which law as known when, and its record. */
export default function MemoPage({ id }: { id: string }) {
  const ruling = useQuery(RulingMemoQuery, { id });
  const determination = ruling.status === 'done' ? ruling.data.determination : undefined;
  const version = determination?.policyVersion;
  const sources = useQuery(
    RuleSourcesQuery,
    determination && version
      ? { policyId: determination.policyId, at: { validAt: version.validAt, knownAt: version.knownAt, publishedBy: version.publishedBy } }
      : undefined,
  );
  const [problem, setProblem] = useState<string | undefined>();
  useTitle(determination ? `Ruling ${determination.reference ?? determination.id}` : 'Ruling');

  if (ruling.status === 'loading') return <Loading what="the ruling" />;
  if (ruling.status === 'error') return <ErrorNotice error={ruling.error} />;
  if (determination == null) {
    return (
      <>
        <h1>Ruling not found</h1>
        <p>
          No ruling is recorded under <code>{id}</code>. <a href="/console/rulings">Search the rulings</a>.
        </p>
      </>
    );
  }
  const memo = buildMemo(determination, sources.status === 'done' ? sources.data.policy : null, reader);
  const download = (format: 'pdf' | 'html') =>
    downloadMemo(determination.id, format, memoFileName(determination.reference ?? determination.id)).catch((error: Error) => setProblem(error.message));
  return (
    <article class="memo">
      <h1>{memo.title}</h1>
      <div class="page-actions no-print">
        <a class="button" href={`/console/rulings/${encodeURIComponent(determination.id)}/replay`}>
          Replay at today's knowledge
        </a>
        <button type="button" onClick={() => void download('pdf')}>
          Download PDF memo
        </button>
        <button type="button" onClick={() => void download('html')}>
          Download HTML memo
        </button>
        <button type="button" onClick={() => print()}>
          Print
        </button>
      </div>
      {problem ? (
        <p class="notice notice-error" role="alert">
          {problem}
        </p>
      ) : null}
      {sources.status === 'error' ? (
        <p class="notice">The rules' sources could not be loaded ({sources.error.message}); citations are shown without links.</p>
      ) : null}
      <MemoView memo={memo} />
    </article>
  );
}
