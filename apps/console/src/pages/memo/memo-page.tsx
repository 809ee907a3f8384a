import { buildMemo, RuleSourcesQuery, RulingMemoQuery } from '#memo';
import { useState } from 'preact/hooks';
import { downloadMemo, memoFileName } from '../../api/reports.js';
import { useQuery } from '../../api/use-query.js';
import { reader } from '../../ui/reader.js';
import { ErrorNotice, Loading, useTitle } from '../../ui/status.js';
import { MemoView } from './memo-view.js';
import type { ReceiptCheck } from './verify-receipt.js';

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
  const [check, setCheck] = useState<ReceiptCheck | 'checking' | undefined>();
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
      <MemoView
        memo={memo}
        receiptActions={
          <ReceiptActions
            check={check}
            onVerify={() => {
              setCheck('checking');
              const ruling = { id: determination.id, outcome: determination.outcome, stateHash: determination.policyVersion.stateHash };
              // The verifier (libs/audit, jose, SHA-256) loads only when asked for.
              void import('./verify-receipt.js')
                .then(({ checkReceipt }) => checkReceipt(determination.receipt, ruling))
                .then(setCheck, (error: Error) => setCheck({ valid: false, reason: error.message }));
            }}
            onDownload={() => saveJson(determination.receipt, `${memoFileName(determination.reference ?? determination.id)}-receipt.json`)}
          />
        }
      />
    </article>
  );
}

function ReceiptActions({ check, onVerify, onDownload }: { check: ReceiptCheck | 'checking' | undefined; onVerify: () => void; onDownload: () => void }) {
  return (
    <>
      <div class="page-actions no-print">
        <button type="button" class="primary" onClick={onVerify} disabled={check === 'checking'}>
          Verify the receipt
        </button>
        <button type="button" onClick={onDownload}>
          Download the receipt (JSON)
        </button>
      </div>
      <div role="status" aria-live="polite">
        {check === 'checking' ? <p>Checking the receipt against the log's public key…</p> : null}
        {check !== undefined && check !== 'checking' && check.valid ? (
          <p class="notice notice-ok">
            <strong>Receipt verified</strong> in this browser with the log's public key (key {check.keyId}): this ruling is leaf {check.leafIndex} of the log of{' '}
            {check.treeSize} events at a signed checkpoint, unaltered.
          </p>
        ) : null}
        {check !== undefined && check !== 'checking' && !check.valid ? (
          <p class="notice notice-error">
            <strong>The receipt does not verify:</strong> {check.reason}.
          </p>
        ) : null}
      </div>
    </>
  );
}

/** Hands a JSON document to the browser as a file download. */
function saveJson(value: unknown, fileName: string): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
