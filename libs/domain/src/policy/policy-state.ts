import type { Instant } from '../time/instant.js';
import type { RuleDefinition } from '../rules/rule-definition.js';
import type { PolicySource } from './policy-source.js';

/** Where a piece of state came from: the change that set it. */
export interface Provenance {
  changeId: string;
  effectiveAt: Instant;
  source: PolicySource;
}

export interface CountryClassification {
  country: string;
  /** null until a tier system is in force (tiers arrived with the AI Diffusion rule). */
  tier: 1 | 2 | 3 | null;
  groups: readonly string[];
  tierSet?: Provenance;
  groupsSet?: Provenance;
}

export interface PolicyParameter extends Provenance {
  name: string;
  value: number;
  unit: string;
}

export interface PolicyRule extends RuleDefinition, Provenance {}

export type LegalStatus = 'IN_FORCE' | 'RESCINDED' | 'REINSTATED';
export type EnforcementStatus = 'ENFORCED' | 'SUSPENDED';

export interface RegimeState {
  id: string;
  title: string;
  legalStatus: LegalStatus;
  legalSince: Provenance;
  enforcementStatus: EnforcementStatus;
  enforcementSince: Provenance;
}

/** The policy in force at one (validAt, knownAt, publishedBy) point. Immutable. */
export interface PolicyState {
  readonly countries: ReadonlyMap<string, CountryClassification>;
  readonly parameters: ReadonlyMap<string, PolicyParameter>;
  readonly rules: ReadonlyMap<string, PolicyRule>;
  readonly regimes: ReadonlyMap<string, RegimeState>;
  /**
   * The note of every change folded in whose confidence is UNCONFIRMED, by change id: what a
   * ruling's caveats quote for the pieces above whose provenance names such a change. Not part
   * of the state hash (state-hash.ts): a change id fixes its change, so the pieces' change ids,
   * which are hashed, fix these notes too.
   */
  readonly unconfirmed: ReadonlyMap<string, string>;
}

/** A state with the coordinates it answers and its content hash. */
export interface PolicyVersion {
  policyId: string;
  validAt: Instant;
  knownAt: Instant;
  /** Position of the last event known at knownAt (0 when nothing is known). */
  knownPosition: number;
  publishedBy: Instant | null;
  stateHash: string;
  state: PolicyState;
}

export interface PolicyCoordinates {
  validAt: Instant;
  knownAt: Instant;
  publishedBy?: Instant | null;
  /** Pins knowledge to a stream position (a replay's original); otherwise knownAt decides. */
  knownPosition?: number;
}

export function isInForce(regime: RegimeState | undefined): boolean {
  return regime !== undefined && regime.legalStatus !== 'RESCINDED';
}
