export type ItemKind = 'INTEGRATED_CIRCUIT' | 'COMPUTER' | 'MODEL_WEIGHTS';

export interface ItemInput {
  kind: ItemKind;
  description?: string;
  eccn?: string;
  tpp?: number;
  performanceDensity?: number;
  quantity?: number;
  trainingOperations?: number;
  openWeights?: boolean;
}

export interface ConsigneeInput {
  id: string;
  name?: string;
  country: string;
  headquarters: string;
  ultimateParent?: string;
  /** Validated end-user status, e.g. "UVEU" or "NVEU". */
  veu?: string;
}

export interface DeterminationInput {
  destination: string;
  consignee: ConsigneeInput;
  items: ItemInput[];
  endUse?: string;
  reference?: string;
}

/** Year-to-date amounts already drawn from capped exceptions, by ledger name (e.g. `{ LPP: 1200000 }`). */
export type LedgerFigures = Readonly<Record<string, number>>;
