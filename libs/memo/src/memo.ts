import { countryName, figure, instant, legal, type Dated, type Reader } from './dates.js';
import type { RuleSourcesQuery, RulingMemoQuery } from './ruling.generated.js';
import {
  ENFORCEMENT_WORDS,
  ITEM_KIND_WORDS,
  NOT_LEGAL_ADVICE,
  OUTCOME_WORDS,
  REVIEW_POLICY_WORDS,
  RULE_KIND_WORDS,
  TRANSACTION_WORDS,
  wordsFor,
} from './words.js';

export type Ruling = NonNullable<RulingMemoQuery['determination']>;
export type RuleSources = RuleSourcesQuery['policy'];

/** Text with dates in it: each renderer shows a date its own way (locale form with ISO beside). */
export type Phrase = Array<string | Dated>;

export interface LabelledValue {
  label: string;
  value: Phrase;
  /** An id or hash the reader may copy exactly. */
  copyable?: boolean;
}

export interface MemoItem {
  number: number;
  description: string;
  technical: string;
  eccn: string;
  outcome: string;
  exceptions: string[];
}

export interface MemoReason {
  number: number;
  ruleId: string;
  kind: string;
  appliesTo: string;
  explanation: string;
  citation: string;
  /** Where the cited source can be read, from the rule's recorded source. */
  url: string | null;
  note: string | null;
}

export interface MemoEnforcement {
  regime: string;
  status: string;
  suspended: boolean;
  since: Dated;
  citation: string;
  url: string | null;
}

/** What a reader checks of a receipt (docs/audit.md): which leaf of the log, at which signed checkpoint. */
export interface MemoReceipt {
  leafHash: string;
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  keyId: string;
  checkpointIssuedAt: string;
  /** `logged`: a checkpoint written to the log itself; `interim`: a tree head signed at once, before the next one covered it. */
  anchor: string;
}

/**
 * What a reader must know before relying on the ruling: the conditions of the exceptions relied
 * on, the UNCONFIRMED rules or facts it rests on, and the facts the input left out and how they
 * were read. Each line is plain text with the source or rules it comes from.
 */
export interface MemoCautions {
  conditions: Array<{ text: string; citation: string | null }>;
  caveats: Array<{ text: string; confidence: string }>;
  assumptions: Array<{ text: string }>;
}

/** Everything a memo of a ruling says, in order, with no presentation: the console page, the HTML and the PDF render this. */
export interface Memo {
  title: string;
  determinationId: string;
  outcome: { code: string; headline: string; details: string[] };
  cautions: MemoCautions;
  shipment: LabelledValue[];
  items: MemoItem[];
  reasons: MemoReason[];
  considered: MemoReason[];
  enforcement: MemoEnforcement[];
  ledger: string[];
  coordinates: Array<{ label: string; value: Dated | null; explanation: Phrase }>;
  record: LabelledValue[];
  /** The audit receipt's key facts; null when the ruling came without one. */
  receipt: MemoReceipt | null;
  notice: string;
}

interface InputShape {
  destination?: string;
  consignee?: { id?: string; name?: string; country?: string; headquarters?: string; ultimateParent?: string; veu?: string };
  items?: Array<{
    kind?: string;
    description?: string;
    tpp?: number;
    performanceDensity?: number;
    quantity?: number;
    trainingOperations?: number;
    openWeights?: boolean;
  }>;
  endUse?: string;
  transaction?: string;
}

/** `reader`: whose language names countries and groups digits (dates stay ISO in the memo; renderers format them). */
export function buildMemo(ruling: Ruling, sources: RuleSources | null, reader: Reader = {}): Memo {
  const input = (ruling.input ?? {}) as InputShape;
  const ruleSource = new Map(sources?.rules.map((rule) => [rule.id, rule.source]) ?? []);
  const regimeTitle = new Map(sources?.regimes.map((regime) => [regime.id, regime.title]) ?? []);
  const reason = (entry: Ruling['trace'][number], index: number): MemoReason => ({
    number: index + 1,
    ruleId: entry.ruleId,
    kind: wordsFor(RULE_KIND_WORDS, entry.kind),
    appliesTo: `Item ${entry.item + 1}`,
    explanation: entry.explanation,
    citation: entry.citation,
    url: ruleSource.get(entry.ruleId)?.url ?? null,
    note: entry.note,
  });
  const version = ruling.policyVersion;
  return {
    title: `Ruling ${ruling.reference ?? ruling.id}`,
    determinationId: ruling.id,
    outcome: {
      code: ruling.outcome,
      headline: wordsFor(OUTCOME_WORDS, ruling.outcome),
      details: [
        ...(ruling.reviewPolicy ? [`License review policy: ${wordsFor(REVIEW_POLICY_WORDS, ruling.reviewPolicy)}.`] : []),
        ...(ruling.exceptions.length ? [`License exceptions relied on: ${ruling.exceptions.join(', ')}.`] : []),
      ],
    },
    cautions: {
      conditions: ruling.conditions.map((condition) => ({
        text: `To rely on ${condition.exception}: ${condition.description} (${condition.code})`,
        citation: condition.citation,
      })),
      caveats: ruling.caveats.map((caveat) => ({ text: `${caveat.subject}: ${caveat.note}`, confidence: caveat.confidence })),
      assumptions: ruling.assumptions.map((assumption) => ({
        text: `${assumption.fact} was not given; read as ${JSON.stringify(assumption.assumed)}: ${assumption.reason}${assumption.rules.length ? ` (rules ${assumption.rules.join(', ')})` : ''}`,
      })),
    },
    shipment: shipmentOf(input, ruling.reference, reader),
    items: ruling.items.map((item) => {
      const given = input.items?.[item.index] ?? {};
      return {
        number: item.index + 1,
        description: [wordsFor(ITEM_KIND_WORDS, given.kind), given.description].filter(Boolean).join(': '),
        technical: technicalOf(given, reader),
        eccn: item.eccn,
        outcome: [wordsFor(OUTCOME_WORDS, item.outcome), item.reviewPolicy ? `(${wordsFor(REVIEW_POLICY_WORDS, item.reviewPolicy)})` : '']
          .filter(Boolean)
          .join(' '),
        exceptions: item.exceptions,
      };
    }),
    reasons: ruling.trace.filter((entry) => entry.matched).map(reason),
    considered: ruling.trace.filter((entry) => !entry.matched).map(reason),
    enforcement: ruling.enforcement.map((note) => ({
      regime: regimeTitle.has(note.regime) ? `${regimeTitle.get(note.regime)} (${note.regime})` : note.regime,
      status: wordsFor(ENFORCEMENT_WORDS, note.status),
      suspended: note.status === 'SUSPENDED',
      since: legal(note.since),
      citation: note.source.citation,
      url: note.source.url,
    })),
    ledger: ledgerOf(ruling.ledgerDraws, reader),
    coordinates: [
      {
        label: 'Valid at (legal time)',
        value: legal(version.validAt),
        explanation: ['The law was applied as in force on ', legal(version.validAt), ', usually the export date.'],
      },
      {
        label: 'Known at (system time)',
        value: instant(version.knownAt),
        explanation: [
          'Only policy changes this system had recorded by ',
          instant(version.knownAt),
          ` counted (policy record position ${version.knownPosition}); anything recorded later, including retroactive corrections, did not.`,
        ],
      },
      {
        label: 'Published by',
        value: version.publishedBy === null ? null : legal(version.publishedBy),
        explanation:
          version.publishedBy === null
            ? ['Every recorded change counted, whatever the publication date of its source.']
            : [
                'Only changes whose legal source was published by ',
                legal(version.publishedBy),
                ' counted: the rule as a diligent exporter could have known it then.',
              ],
      },
    ],
    record: [
      { label: 'Determination id', value: [ruling.id], copyable: true },
      { label: 'Issued', value: [instant(ruling.issuedAt)] },
      { label: 'Issued by', value: [ruling.issuedBy] },
      { label: 'Policy', value: [ruling.policyId] },
      { label: 'Policy state hash (SHA-256)', value: [version.stateHash], copyable: true },
      { label: 'Engine version', value: [ruling.engineVersion] },
      { label: 'Log position', value: [String(ruling.position)] },
    ],
    receipt: receiptOf(ruling.receipt),
    notice: NOT_LEGAL_ADVICE,
  };
}

function receiptOf(receipt: unknown): MemoReceipt | null {
  const r = receipt as {
    leafHash?: unknown;
    leafIndex?: unknown;
    anchor?: unknown;
    inclusionProof?: { treeSize?: unknown };
    checkpoint?: { rootHash?: unknown; keyId?: unknown; issuedAt?: unknown };
  } | null;
  if (r === null || typeof r !== 'object' || typeof r.leafHash !== 'string' || typeof r.leafIndex !== 'number' || r.checkpoint === undefined) return null;
  return {
    leafHash: r.leafHash,
    leafIndex: r.leafIndex,
    treeSize: Number(r.inclusionProof?.treeSize),
    rootHash: String(r.checkpoint.rootHash),
    keyId: String(r.checkpoint.keyId),
    checkpointIssuedAt: String(r.checkpoint.issuedAt),
    anchor: String(r.anchor),
  };
}

/** What the memo says of a receipt, in words, for the three renderings. */
export function receiptRows(receipt: MemoReceipt): LabelledValue[] {
  return [
    { label: 'Leaf hash (SHA-256)', value: [receipt.leafHash], copyable: true },
    { label: 'Leaf index', value: [`${receipt.leafIndex} of a log of ${receipt.treeSize} events`] },
    { label: 'Checkpoint root hash', value: [receipt.rootHash], copyable: true },
    {
      label: 'Signed checkpoint',
      value: [
        receipt.anchor === 'interim' ? 'A tree head this server signed when the ruling was recorded, on ' : 'A checkpoint written to the log, signed on ',
        instant(receipt.checkpointIssuedAt),
        `, key ${receipt.keyId}`,
      ],
    },
  ];
}

export const RECEIPT_EXPLANATION =
  'The receipt proves, with the log’s public key alone, that this ruling is recorded unaltered in the audit log. Download the full receipt (JSON) to file with the ruling: it verifies offline with the command policyctl audit verify-receipt and the key served at /.well-known/policy-ledger/audit-key.pem.';

function shipmentOf(input: InputShape, reference: string | null, reader: Reader): LabelledValue[] {
  const consignee = input.consignee ?? {};
  const rows: Array<[string, string | undefined]> = [
    ['Reference', reference ?? undefined],
    ['Transaction', input.transaction === undefined ? undefined : wordsFor(TRANSACTION_WORDS, input.transaction)],
    ['Destination', countryName(input.destination, reader)],
    ['Consignee', [consignee.name, consignee.id ? `(${consignee.id})` : undefined].filter(Boolean).join(' ') || undefined],
    ['Consignee country', countryName(consignee.country, reader)],
    ['Headquarters', countryName(consignee.headquarters, reader)],
    ['Ultimate parent', consignee.ultimateParent],
    ['Validated end user', consignee.veu],
    ['End use', input.endUse],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== undefined && row[1] !== '').map(([label, value]) => ({ label, value: [value] }));
}

function technicalOf(item: NonNullable<InputShape['items']>[number], reader: Reader): string {
  const parts = [
    item.quantity === undefined ? undefined : `${figure(item.quantity, reader)} unit${item.quantity === 1 ? '' : 's'}`,
    item.tpp === undefined ? undefined : `TPP ${figure(item.tpp, reader)} per unit`,
    item.performanceDensity === undefined ? undefined : `performance density ${figure(item.performanceDensity, reader)}`,
    item.trainingOperations === undefined ? undefined : `${item.trainingOperations.toExponential()} training operations`,
    item.openWeights === undefined ? undefined : item.openWeights ? 'open weights' : 'closed weights',
  ];
  return parts.filter(Boolean).join(', ');
}

function ledgerOf(draws: unknown, reader: Reader): string[] {
  if (!Array.isArray(draws)) return [];
  return draws.map(
    (draw: { ledger: string; amount: number; usedBefore: number; cap: number }) =>
      `${draw.ledger}: this ruling draws ${figure(draw.amount, reader)} from the consignee's yearly cap of ${figure(draw.cap, reader)}; ${figure(draw.usedBefore, reader)} had been drawn before it.`,
  );
}
