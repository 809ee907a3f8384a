export type ItemKind = 'INTEGRATED_CIRCUIT' | 'COMPUTER' | 'MODEL_WEIGHTS';

/** EXPORT is from the United States; REEXPORT from one foreign country to another; IN_COUNTRY_TRANSFER within one. */
export type TransactionType = 'EXPORT' | 'REEXPORT' | 'IN_COUNTRY_TRANSFER';

export interface ItemInput {
  kind: ItemKind;
  description?: string;
  eccn?: string;
  tpp?: number;
  performanceDensity?: number;
  quantity?: number;
  trainingOperations?: number;
  openWeights?: boolean;
  /** Note 2 to 3A090: designed or marketed for use in datacenters. Absent is unknown: read as true. */
  designedForDatacenter?: boolean;
  /** Total DRAM bandwidth in GB/s. Absent is unknown: read as above any limit. */
  memoryBandwidth?: number;
}

export interface ConsigneeInput {
  id: string;
  name?: string;
  country: string;
  headquarters: string;
  ultimateParent?: string;
  /** Validated end-user status, e.g. "UVEU" or "NVEU". */
  veu?: string;
  /** Majority-owned by an entity headquartered in Country Group D:5 or Macau (15 CFR 744.23(d)). Absent is unknown: read as true. */
  majorityOwnedFromD5OrMacau?: boolean;
}

export interface DeterminationInput {
  destination: string;
  consignee: ConsigneeInput;
  items: ItemInput[];
  endUse?: string;
  reference?: string;
  /** EXPORT when absent. */
  transaction?: TransactionType;
}

/** Year-to-date amounts already drawn from capped exceptions, by ledger name (e.g. `{ LPP: 1200000 }`). */
export type LedgerFigures = Readonly<Record<string, number>>;
