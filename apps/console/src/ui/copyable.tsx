import { useRef, useState } from 'preact/hooks';

/** An id or hash shown whole, with a button that copies it exactly. */
export function Copyable({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const text = useRef<HTMLElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Without clipboard access (an insecure origin), select the text for the user to copy.
      const range = document.createRange();
      range.selectNodeContents(text.current!);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <span class="copyable">
      <code ref={text}>{value}</code>
      <button type="button" class="copy" onClick={copy} aria-label={`Copy ${label}`}>
        {copied ? 'Copied' : 'Copy'}
      </button>
      <span class="visually-hidden" role="status">
        {copied ? `${label} copied` : ''}
      </span>
    </span>
  );
}
