import type { CompiledPolicy, CompiledRule } from './compile-policy.js';
import { ConditionTester } from './condition-tester.js';
import type { LedgerFigures } from './determination-input.js';
import type { LedgerDraw, TraceEntry } from './determination-result.js';
import { noteMasksOf } from './fact-notes.js';
import type { RulingNotes } from './ruling-notes.js';

/**
 * What one determination accumulates while its items are evaluated in order. Per-rule state is
 * kept in arrays indexed by the rule's slot; "for this item" flags hold the item's stamp
 * (index + 1), so nothing needs clearing between items.
 */
export class DeterminationScratch {
  readonly tester: ConditionTester;
  readonly trace: TraceEntry[] = [];
  /** Regimes whose requirement applied to some item; a handful, so a list beats a Set. */
  readonly appliedRegimes: string[] = [];
  readonly ledgerDraws: LedgerDraw[] = [];
  /** The current item's trace entry for each rule consulted. */
  readonly entries: (TraceEntry | undefined)[];
  /** Stamp of the item a requirement applies to. */
  readonly appliedTo: (number | undefined)[];
  /** Stamp of the item a requirement is covered for, and the code of the exception covering it. */
  readonly coveredFor: (number | undefined)[];
  readonly coveredBy: (string | undefined)[];
  /** The noted facts (fact-notes.ts) the current item's input leaves out. */
  itemUnstated = 0;

  /**
   * `explaining`: build the trace and its notes. False when only the outcome is wanted
   * (evaluateOutcome): no trace entries are made, so notes have nothing to attach to.
   * `remembered` may hold what the compiled policy's ConditionMemo knows (ConditionTester).
   * `notes` (when explaining) collects the assumptions and caveats as rules are consulted.
   */
  constructor(
    readonly policy: CompiledPolicy,
    private readonly ledger: LedgerFigures,
    readonly explaining = true,
    remembered?: ConstructorParameters<typeof ConditionTester>[1],
    readonly notes?: RulingNotes,
  ) {
    const count = policy.ruleCount;
    this.tester = new ConditionTester(policy, remembered, notes ? noteMasksOf(policy) : undefined);
    this.entries = new Array<TraceEntry | undefined>(count);
    // Plain sparse arrays: at this size a typed array costs some 30 times more to allocate.
    this.appliedTo = new Array<number | undefined>(count);
    this.coveredFor = new Array<number | undefined>(count);
    this.coveredBy = new Array<string | undefined>(count);
  }

  /** Year-to-date figure plus what earlier items of this determination drew. */
  usedBefore(ledger: string): number {
    let used = this.ledger[ledger] ?? 0;
    for (const draw of this.ledgerDraws) if (draw.ledger === ledger) used += draw.amount;
    return used;
  }

  note(compiled: CompiledRule, text: string): void {
    const entry = this.entries[compiled.slot];
    if (entry) entry.note = entry.note === undefined ? text : `${entry.note}; ${text}`;
  }

  /**
   * Name -> value of every parameter read (by CEL, as a cap, or `extra`), sorted by name; null
   * when the state lacks it.
   */
  parametersRead(extra: string | null): Record<string, number | null> {
    const { parameterNames, params } = this.policy;
    const flags = this.tester.parameterRead;
    const read: Record<string, number | null> = {};
    let pending = extra;
    for (let index = 0; index < parameterNames.length; index++) {
      if (flags[index] !== true) continue;
      const name = parameterNames[index] as string;
      if (pending !== null && pending <= name) {
        if (pending < name) read[pending] = params[pending] ?? null;
        pending = null;
      }
      read[name] = params[name] ?? null;
    }
    if (pending !== null) read[pending] = params[pending] ?? null;
    return read;
  }
}
