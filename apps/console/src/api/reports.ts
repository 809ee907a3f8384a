import { currentSession } from '../session/session.js';

/** Fetches a memo export with the session's token and hands it to the browser as a download. */
export async function downloadMemo(determinationId: string, format: 'pdf' | 'html', fileName: string): Promise<void> {
  const session = currentSession();
  const path = `/reports/determinations/${encodeURIComponent(determinationId)}${format === 'pdf' ? '.pdf' : ''}`;
  const response = await fetch(path, { headers: { authorization: `Bearer ${session?.token ?? ''}` } });
  if (!response.ok) throw new Error(`The server answered ${response.status} for the ${format.toUpperCase()} memo.`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName}.${format}`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from a ruling's reference or id: letters, digits, dots, dashes and underscores only. */
export const memoFileName = (referenceOrId: string) => `ruling-${referenceOrId.replace(/[^A-Za-z0-9._-]+/g, '_')}`;
