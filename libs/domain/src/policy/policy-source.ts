import type { Instant } from '../time/instant.js';

/** The legal source of a change: a Federal Register citation, an agency announcement, a guidance note. */
export interface PolicySource {
  citation: string;
  url?: string;
  publishedAt: Instant;
}

/** How sure we are of a fact; UNCONFIRMED facts are reconstructed or rest on one weak source. */
export type Confidence = 'CONFIRMED' | 'UNCONFIRMED';
