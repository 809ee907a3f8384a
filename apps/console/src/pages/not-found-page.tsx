import { HOME } from '../pages.js';
import { useTitle } from '../ui/status.js';

export function NotFoundPage() {
  useTitle('Page not found');
  return (
    <>
      <h1>Page not found</h1>
      <p>
        This console has no page at this address. <a href={HOME}>Search the rulings</a> or open <a href="/console/law">the law on a date</a>.
      </p>
    </>
  );
}
