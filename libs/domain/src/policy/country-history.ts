import { instantMs, type Instant } from '../time/instant.js';
import type { PolicySource } from './policy-source.js';
import type { PolicyState, Provenance } from './policy-state.js';
import type { PolicyTimeline } from './policy-timeline.js';

/** A country's classification in one policy state, with the change that last set it. */
export interface CountryStatusIn {
  country: string;
  /** 1, 2 or 3; null when no tier system is in force. */
  tier: number | null;
  /** True when the tier is the default for unlisted destinations (`tier.default`). */
  defaultTier: boolean;
  groups: string[];
  effectiveAt: Instant | null;
  source: PolicySource | null;
  changeId: string | null;
}

export function countryStatusIn(state: PolicyState, country: string): CountryStatusIn {
  const classification = state.countries.get(country);
  const defaultTier = state.parameters.get('tier.default');
  const usesDefault = classification?.tier == null && defaultTier !== undefined;
  const latest = latestOf(usesDefault ? defaultTier : classification?.tierSet, classification?.groupsSet);
  return {
    country,
    tier: usesDefault ? defaultTier.value : (classification?.tier ?? null),
    defaultTier: usesDefault,
    groups: [...(classification?.groups ?? [])],
    effectiveAt: latest?.effectiveAt ?? null,
    source: latest?.source ?? null,
    changeId: latest?.changeId ?? null,
  };
}

/** One stretch of legal time over which a country's tier and groups stayed the same. */
export interface CountryPeriod extends CountryStatusIn {
  from: Instant;
  /** Exclusive; null while the period lasts. */
  to: Instant | null;
}

/**
 * A country's classification over all of legal time, as known at the coordinates' knowledge
 * (knownAt or knownPosition, publishedBy; their validAt is not used). A classification can only
 * change where some change takes effect, so the states at those instants are all there is to
 * compare; consecutive equal ones are one period. Periods before any change set something for
 * the country (no tier, no groups) are left out.
 */
export function countryHistory(
  timeline: PolicyTimeline,
  country: string,
  knowledge: { knownAt: Instant; knownPosition?: number; publishedBy?: Instant | null },
): CountryPeriod[] {
  const instants = [...new Set(timeline.events.map(({ event }) => event.data.effectiveAt))].sort((a, b) => instantMs(a) - instantMs(b));
  const periods: CountryPeriod[] = [];
  for (const validAt of instants) {
    const status = countryStatusIn(timeline.stateAt({ ...knowledge, validAt }).state, country);
    const open = periods.at(-1);
    if (open !== undefined && sameClassification(open, status)) continue;
    if (open !== undefined) open.to = validAt;
    if (open === undefined && status.tier === null && status.groups.length === 0) continue;
    periods.push({ ...status, from: validAt, to: null });
  }
  return periods;
}

function sameClassification(a: CountryStatusIn, b: CountryStatusIn): boolean {
  return a.tier === b.tier && a.defaultTier === b.defaultTier && a.groups.join() === b.groups.join();
}

function latestOf(...sets: Array<Provenance | undefined>): Provenance | undefined {
  return sets
    .filter((set): set is Provenance => set !== undefined)
    .sort((a, b) => (a.effectiveAt < b.effectiveAt ? 1 : a.effectiveAt > b.effectiveAt ? -1 : 0))[0];
}
