import type { PolicyVersion } from '../policy/policy-state.js';
import { compilePolicy, type CompiledPolicy } from './compile-policy.js';

/**
 * Compiled policies by state hash, least recently used evicted first. Equal hashes mean equal
 * states, so every coordinate that lands on the same state shares one compilation.
 */
export class CompiledPolicyCache {
  private readonly entries = new Map<string, CompiledPolicy>();

  constructor(private readonly capacity = 64) {}

  compiledFor(version: Pick<PolicyVersion, 'stateHash' | 'state'>): CompiledPolicy {
    const cached = this.entries.get(version.stateHash);
    if (cached) {
      this.entries.delete(version.stateHash);
      this.entries.set(version.stateHash, cached);
      return cached;
    }
    const compiled = compilePolicy(version.state);
    this.entries.set(version.stateHash, compiled);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }
}
