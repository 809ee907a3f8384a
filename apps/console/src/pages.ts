import type { ComponentType } from 'preact';
import { lazy } from 'preact-iso';

/**
 * Every page of the console: its URL pattern, its component (loaded when first opened), and the
 * label of its link in the header, if it has one. Adding a page is adding an entry here.
 */
export interface ConsolePage {
  path: string;
  /** Receives the path's parameters as props (`:id` as `id`); each page declares its own. */
  component: ComponentType<any>;
  nav?: string;
}

export const PAGES: ConsolePage[] = [
  { path: '/console/rulings', component: lazy(() => import('./pages/rulings/rulings-page.js')), nav: 'Rulings' },
  { path: '/console/rulings/:id', component: lazy(() => import('./pages/memo/memo-page.js')) },
  { path: '/console/rulings/:id/replay', component: lazy(() => import('./pages/replay/replay-page.js')) },
  { path: '/console/law', component: lazy(() => import('./pages/law/law-page.js')), nav: 'The law on a date' },
  { path: '/console/law/diff', component: lazy(() => import('./pages/law/law-diff-page.js')) },
  { path: '/console/law/countries/:country', component: lazy(() => import('./pages/law/country-page.js')) },
  { path: '/console/amendments', component: lazy(() => import('./pages/amendments/amendments-page.js')), nav: 'Amendments' },
  { path: '/console/amendments/new', component: lazy(() => import('./pages/amendments/draft-page.js')) },
  { path: '/console/amendments/:id', component: lazy(() => import('./pages/amendments/amendment-page.js')) },
];

export const HOME = '/console/rulings';
