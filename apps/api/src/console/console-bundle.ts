import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the console (apps/console, built by Vite), relative to the project root. */
export const CONSOLE_BUNDLE = 'dist/console';

/** The built console: its folder and its page, or why it is not there. */
export type ConsoleBundle = { built: true; dir: string; indexHtml: string } | { built: false; dir: string };

/**
 * Finds the built console from this module's place: the nearest folder up with a package.json is
 * the project root, from the sources (tests) and from dist/ (npm start, the Docker image) alike.
 */
export function locateConsoleBundle(from: string = fileURLToPath(import.meta.url)): ConsoleBundle {
  let root = dirname(from);
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const dir = join(root, CONSOLE_BUNDLE);
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return { built: false, dir };
  return { built: true, dir, indexHtml: readFileSync(index, 'utf8') };
}
