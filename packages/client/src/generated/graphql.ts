/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type ConsigneeInput = {
  country: string;
  headquarters: string;
  id: string | number;
  /** Majority-owned by an entity headquartered in Country Group D:5 or Macau (15 CFR 744.23(d)); absent is unknown, read as true and listed in assumptions */
  majorityOwnedFromD5OrMacau?: boolean | null | undefined;
  name?: string | null | undefined;
  ultimateParent?: string | null | undefined;
  /** Validated end-user status, e.g. UVEU or NVEU */
  veu?: string | null | undefined;
};

export type DeterminationInput = {
  consignee: ConsigneeInput;
  /** ISO 3166-1 alpha-2 */
  destination: string;
  endUse?: string | null | undefined;
  items: Array<ItemInput>;
  /** The caller's own reference, e.g. an order number */
  reference?: string | null | undefined;
  /** EXPORT (from the United States) when absent; listed in assumptions when a rule read it */
  transaction?: TransactionType | null | undefined;
};

export type EnforcementStatus = 'ENFORCED' | 'SUSPENDED';

export type ItemInput = {
  description?: string | null | undefined;
  /** Designed or marketed for use in datacenters (Note 2 to 3A090); absent is unknown, read as true and listed in assumptions */
  designedForDatacenter?: boolean | null | undefined;
  /** If absent, classification rules derive it */
  eccn?: string | null | undefined;
  kind: ItemKind;
  /** Total DRAM bandwidth, GB/s; absent is unknown, read as above any limit and listed in assumptions */
  memoryBandwidth?: number | null | undefined;
  openWeights?: boolean | null | undefined;
  performanceDensity?: number | null | undefined;
  /** Units; 1 when absent */
  quantity?: number | null | undefined;
  /** Total processing performance, per unit */
  tpp?: number | null | undefined;
  /** Training operations of model weights */
  trainingOperations?: number | null | undefined;
};

export type ItemKind = 'COMPUTER' | 'INTEGRATED_CIRCUIT' | 'MODEL_WEIGHTS';

export type Outcome = 'LICENSE_EXCEPTION' | 'LICENSE_REQUIRED' | 'NO_LICENSE_REQUIRED';

/** A point on both time axes; missing times default to now */
export type PolicyCoordinates = {
  /** System time: what this system had recorded by then */
  knownAt?: string | null | undefined;
  /** Only changes whose legal source was published by then */
  publishedBy?: string | null | undefined;
  /** Valid (legal) time: the date the law is applied to */
  validAt?: string | null | undefined;
  /** Staged amendments to preview on top of current knowledge */
  withAmendments?: Array<string | number> | null | undefined;
};

export type ReviewPolicy = 'CASE_BY_CASE' | 'PRESUMPTION_OF_APPROVAL' | 'PRESUMPTION_OF_DENIAL';

export type RuleKind = 'classification' | 'exception' | 'requirement';

/** EXPORT from the United States, REEXPORT from one foreign country to another, IN_COUNTRY_TRANSFER within one */
export type TransactionType = 'EXPORT' | 'IN_COUNTRY_TRANSFER' | 'REEXPORT';

export type PolicyVersionFieldsFragment = { validAt: string; knownAt: string; knownPosition: number; publishedBy: string | null; stateHash: string };

export type ResultFieldsFragment = {
  outcome: Outcome;
  reviewPolicy: ReviewPolicy | null;
  exceptions: Array<string>;
  engineVersion: string;
  items: Array<{ index: number; eccn: string; outcome: Outcome; reviewPolicy: ReviewPolicy | null; exceptions: Array<string> }>;
  enforcement: Array<{ regime: string; status: EnforcementStatus; since: string; source: { citation: string } }>;
  trace: Array<{ ruleId: string; kind: RuleKind; matched: boolean; citation: string; explanation: string }>;
  policyVersion: { validAt: string; knownAt: string; knownPosition: number; publishedBy: string | null; stateHash: string };
  draws: Array<{ ledger: string; amount: number; usedBefore: number; cap: number }>;
  factEntries: Array<{ name: string; string: string | null; number: number | null; boolean: boolean | null; strings: Array<string> | null }>;
};

export type DeterminationFieldsFragment = {
  id: string;
  position: number;
  issuedAt: string;
  issuedBy: string;
  reference: string | null;
  outcome: Outcome;
  reviewPolicy: ReviewPolicy | null;
  exceptions: Array<string>;
  engineVersion: string;
  givenInput: {
    destination: string;
    endUse: string | null;
    reference: string | null;
    transaction: TransactionType | null;
    consignee: {
      id: string;
      name: string | null;
      country: string;
      headquarters: string;
      ultimateParent: string | null;
      veu: string | null;
      majorityOwnedFromD5OrMacau: boolean | null;
    };
    items: Array<{
      kind: ItemKind;
      description: string | null;
      eccn: string | null;
      tpp: number | null;
      performanceDensity: number | null;
      quantity: number | null;
      trainingOperations: number | null;
      openWeights: boolean | null;
      designedForDatacenter: boolean | null;
      memoryBandwidth: number | null;
    }>;
  };
  ledgerFigures: Array<{ ledger: string; drawn: number }>;
  items: Array<{ index: number; eccn: string; outcome: Outcome; reviewPolicy: ReviewPolicy | null; exceptions: Array<string> }>;
  enforcement: Array<{ regime: string; status: EnforcementStatus; since: string; source: { citation: string } }>;
  trace: Array<{ ruleId: string; kind: RuleKind; matched: boolean; citation: string; explanation: string }>;
  policyVersion: { validAt: string; knownAt: string; knownPosition: number; publishedBy: string | null; stateHash: string };
  draws: Array<{ ledger: string; amount: number; usedBefore: number; cap: number }>;
  factEntries: Array<{ name: string; string: string | null; number: number | null; boolean: boolean | null; strings: Array<string> | null }>;
};

export type EvaluateQueryVariables = Exact<{
  input: DeterminationInput;
  at?: PolicyCoordinates | null | undefined;
  policyId?: string | number | null | undefined;
}>;

export type EvaluateQuery = {
  evaluate: {
    outcome: Outcome;
    reviewPolicy: ReviewPolicy | null;
    exceptions: Array<string>;
    engineVersion: string;
    items: Array<{ index: number; eccn: string; outcome: Outcome; reviewPolicy: ReviewPolicy | null; exceptions: Array<string> }>;
    enforcement: Array<{ regime: string; status: EnforcementStatus; since: string; source: { citation: string } }>;
    trace: Array<{ ruleId: string; kind: RuleKind; matched: boolean; citation: string; explanation: string }>;
    policyVersion: { validAt: string; knownAt: string; knownPosition: number; publishedBy: string | null; stateHash: string };
    draws: Array<{ ledger: string; amount: number; usedBefore: number; cap: number }>;
    factEntries: Array<{ name: string; string: string | null; number: number | null; boolean: boolean | null; strings: Array<string> | null }>;
  };
};

export type IssueDeterminationMutationVariables = Exact<{
  input: DeterminationInput;
  validAt?: string | null | undefined;
  policyId?: string | number | null | undefined;
  commandId?: string | number | null | undefined;
}>;

export type IssueDeterminationMutation = {
  issueDetermination: {
    id: string;
    position: number;
    issuedAt: string;
    issuedBy: string;
    reference: string | null;
    outcome: Outcome;
    reviewPolicy: ReviewPolicy | null;
    exceptions: Array<string>;
    engineVersion: string;
    givenInput: {
      destination: string;
      endUse: string | null;
      reference: string | null;
      transaction: TransactionType | null;
      consignee: {
        id: string;
        name: string | null;
        country: string;
        headquarters: string;
        ultimateParent: string | null;
        veu: string | null;
        majorityOwnedFromD5OrMacau: boolean | null;
      };
      items: Array<{
        kind: ItemKind;
        description: string | null;
        eccn: string | null;
        tpp: number | null;
        performanceDensity: number | null;
        quantity: number | null;
        trainingOperations: number | null;
        openWeights: boolean | null;
        designedForDatacenter: boolean | null;
        memoryBandwidth: number | null;
      }>;
    };
    ledgerFigures: Array<{ ledger: string; drawn: number }>;
    items: Array<{ index: number; eccn: string; outcome: Outcome; reviewPolicy: ReviewPolicy | null; exceptions: Array<string> }>;
    enforcement: Array<{ regime: string; status: EnforcementStatus; since: string; source: { citation: string } }>;
    trace: Array<{ ruleId: string; kind: RuleKind; matched: boolean; citation: string; explanation: string }>;
    policyVersion: { validAt: string; knownAt: string; knownPosition: number; publishedBy: string | null; stateHash: string };
    draws: Array<{ ledger: string; amount: number; usedBefore: number; cap: number }>;
    factEntries: Array<{ name: string; string: string | null; number: number | null; boolean: boolean | null; strings: Array<string> | null }>;
  };
};

export type DeterminationQueryVariables = Exact<{
  id: string | number;
  consistentWith?: number | null | undefined;
}>;

export type DeterminationQuery = {
  determination: {
    id: string;
    position: number;
    issuedAt: string;
    issuedBy: string;
    reference: string | null;
    outcome: Outcome;
    reviewPolicy: ReviewPolicy | null;
    exceptions: Array<string>;
    engineVersion: string;
    givenInput: {
      destination: string;
      endUse: string | null;
      reference: string | null;
      transaction: TransactionType | null;
      consignee: {
        id: string;
        name: string | null;
        country: string;
        headquarters: string;
        ultimateParent: string | null;
        veu: string | null;
        majorityOwnedFromD5OrMacau: boolean | null;
      };
      items: Array<{
        kind: ItemKind;
        description: string | null;
        eccn: string | null;
        tpp: number | null;
        performanceDensity: number | null;
        quantity: number | null;
        trainingOperations: number | null;
        openWeights: boolean | null;
        designedForDatacenter: boolean | null;
        memoryBandwidth: number | null;
      }>;
    };
    ledgerFigures: Array<{ ledger: string; drawn: number }>;
    items: Array<{ index: number; eccn: string; outcome: Outcome; reviewPolicy: ReviewPolicy | null; exceptions: Array<string> }>;
    enforcement: Array<{ regime: string; status: EnforcementStatus; since: string; source: { citation: string } }>;
    trace: Array<{ ruleId: string; kind: RuleKind; matched: boolean; citation: string; explanation: string }>;
    policyVersion: { validAt: string; knownAt: string; knownPosition: number; publishedBy: string | null; stateHash: string };
    draws: Array<{ ledger: string; amount: number; usedBefore: number; cap: number }>;
    factEntries: Array<{ name: string; string: string | null; number: number | null; boolean: boolean | null; strings: Array<string> | null }>;
  } | null;
};

export type DeterminationIssuedSubscriptionVariables = Exact<{
  destination?: string | null | undefined;
  since?: number | null | undefined;
}>;

export type DeterminationIssuedSubscription = {
  determinationIssued: {
    id: string;
    position: number;
    issuedAt: string;
    issuedBy: string;
    reference: string | null;
    outcome: Outcome;
    reviewPolicy: ReviewPolicy | null;
    exceptions: Array<string>;
    engineVersion: string;
    givenInput: {
      destination: string;
      endUse: string | null;
      reference: string | null;
      transaction: TransactionType | null;
      consignee: {
        id: string;
        name: string | null;
        country: string;
        headquarters: string;
        ultimateParent: string | null;
        veu: string | null;
        majorityOwnedFromD5OrMacau: boolean | null;
      };
      items: Array<{
        kind: ItemKind;
        description: string | null;
        eccn: string | null;
        tpp: number | null;
        performanceDensity: number | null;
        quantity: number | null;
        trainingOperations: number | null;
        openWeights: boolean | null;
        designedForDatacenter: boolean | null;
        memoryBandwidth: number | null;
      }>;
    };
    ledgerFigures: Array<{ ledger: string; drawn: number }>;
    items: Array<{ index: number; eccn: string; outcome: Outcome; reviewPolicy: ReviewPolicy | null; exceptions: Array<string> }>;
    enforcement: Array<{ regime: string; status: EnforcementStatus; since: string; source: { citation: string } }>;
    trace: Array<{ ruleId: string; kind: RuleKind; matched: boolean; citation: string; explanation: string }>;
    policyVersion: { validAt: string; knownAt: string; knownPosition: number; publishedBy: string | null; stateHash: string };
    draws: Array<{ ledger: string; amount: number; usedBefore: number; cap: number }>;
    factEntries: Array<{ name: string; string: string | null; number: number | null; boolean: boolean | null; strings: Array<string> | null }>;
  };
};

export const PolicyVersionFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'PolicyVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'validAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownPosition' } },
          { kind: 'Field', name: { kind: 'Name', value: 'publishedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stateHash' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<PolicyVersionFieldsFragment, unknown>;
export const ResultFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ResultFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeterminationResult' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'index' } },
                { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'enforcement' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'regime' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'since' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'source' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'citation' } }] },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trace' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ruleId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'matched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'citation' } },
                { kind: 'Field', name: { kind: 'Name', value: 'explanation' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'policyVersion' },
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'PolicyVersionFields' } }] },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'engineVersion' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'draws' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'usedBefore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'cap' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'factEntries' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'string' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boolean' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strings' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'PolicyVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'validAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownPosition' } },
          { kind: 'Field', name: { kind: 'Name', value: 'publishedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stateHash' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<ResultFieldsFragment, unknown>;
export const DeterminationFieldsFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeterminationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Determination' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'position' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'givenInput' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'destination' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endUse' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transaction' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'consignee' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'country' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'headquarters' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'ultimateParent' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'veu' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'majorityOwnedFromD5OrMacau' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tpp' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'performanceDensity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'quantity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'trainingOperations' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'openWeights' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'designedForDatacenter' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'memoryBandwidth' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'ledgerFigures' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'drawn' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'index' } },
                { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'enforcement' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'regime' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'since' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'source' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'citation' } }] },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trace' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ruleId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'matched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'citation' } },
                { kind: 'Field', name: { kind: 'Name', value: 'explanation' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'policyVersion' },
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'PolicyVersionFields' } }] },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'engineVersion' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'draws' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'usedBefore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'cap' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'factEntries' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'string' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boolean' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strings' } },
              ],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'PolicyVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'validAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownPosition' } },
          { kind: 'Field', name: { kind: 'Name', value: 'publishedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stateHash' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeterminationFieldsFragment, unknown>;
export const EvaluateDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Evaluate' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'DeterminationInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'at' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyCoordinates' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'policyId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'evaluate' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'at' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'at' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'policyId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'policyId' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'ResultFields' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'PolicyVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'validAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownPosition' } },
          { kind: 'Field', name: { kind: 'Name', value: 'publishedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stateHash' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'ResultFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'DeterminationResult' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'index' } },
                { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'enforcement' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'regime' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'since' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'source' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'citation' } }] },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trace' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ruleId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'matched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'citation' } },
                { kind: 'Field', name: { kind: 'Name', value: 'explanation' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'policyVersion' },
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'PolicyVersionFields' } }] },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'engineVersion' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'draws' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'usedBefore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'cap' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'factEntries' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'string' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boolean' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strings' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EvaluateQuery, EvaluateQueryVariables>;
export const IssueDeterminationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'mutation',
      name: { kind: 'Name', value: 'IssueDetermination' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'input' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'DeterminationInput' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'validAt' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'DateTime' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'policyId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'commandId' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'issueDetermination' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'input' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'input' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'validAt' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'validAt' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'policyId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'policyId' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'commandId' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'commandId' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeterminationFields' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'PolicyVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'validAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownPosition' } },
          { kind: 'Field', name: { kind: 'Name', value: 'publishedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stateHash' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeterminationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Determination' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'position' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'givenInput' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'destination' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endUse' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transaction' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'consignee' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'country' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'headquarters' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'ultimateParent' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'veu' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'majorityOwnedFromD5OrMacau' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tpp' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'performanceDensity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'quantity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'trainingOperations' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'openWeights' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'designedForDatacenter' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'memoryBandwidth' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'ledgerFigures' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'drawn' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'index' } },
                { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'enforcement' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'regime' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'since' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'source' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'citation' } }] },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trace' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ruleId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'matched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'citation' } },
                { kind: 'Field', name: { kind: 'Name', value: 'explanation' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'policyVersion' },
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'PolicyVersionFields' } }] },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'engineVersion' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'draws' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'usedBefore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'cap' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'factEntries' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'string' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boolean' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strings' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<IssueDeterminationMutation, IssueDeterminationMutationVariables>;
export const DeterminationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Determination' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'ID' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'consistentWith' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Float' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'determination' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'id' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } } },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'consistentWith' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'consistentWith' } },
              },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeterminationFields' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'PolicyVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'validAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownPosition' } },
          { kind: 'Field', name: { kind: 'Name', value: 'publishedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stateHash' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeterminationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Determination' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'position' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'givenInput' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'destination' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endUse' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transaction' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'consignee' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'country' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'headquarters' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'ultimateParent' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'veu' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'majorityOwnedFromD5OrMacau' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tpp' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'performanceDensity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'quantity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'trainingOperations' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'openWeights' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'designedForDatacenter' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'memoryBandwidth' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'ledgerFigures' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'drawn' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'index' } },
                { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'enforcement' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'regime' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'since' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'source' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'citation' } }] },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trace' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ruleId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'matched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'citation' } },
                { kind: 'Field', name: { kind: 'Name', value: 'explanation' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'policyVersion' },
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'PolicyVersionFields' } }] },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'engineVersion' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'draws' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'usedBefore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'cap' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'factEntries' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'string' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boolean' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strings' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeterminationQuery, DeterminationQueryVariables>;
export const DeterminationIssuedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'DeterminationIssued' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'destination' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'since' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Float' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'determinationIssued' },
            arguments: [
              { kind: 'Argument', name: { kind: 'Name', value: 'destination' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'destination' } } },
              { kind: 'Argument', name: { kind: 'Name', value: 'since' }, value: { kind: 'Variable', name: { kind: 'Name', value: 'since' } } },
            ],
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'DeterminationFields' } }] },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'PolicyVersionFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'PolicyVersion' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'validAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'knownPosition' } },
          { kind: 'Field', name: { kind: 'Name', value: 'publishedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'stateHash' } },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'DeterminationFields' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Determination' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'id' } },
          { kind: 'Field', name: { kind: 'Name', value: 'position' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'issuedBy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'givenInput' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'destination' } },
                { kind: 'Field', name: { kind: 'Name', value: 'endUse' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reference' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transaction' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'consignee' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'country' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'headquarters' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'ultimateParent' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'veu' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'majorityOwnedFromD5OrMacau' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'items' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tpp' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'performanceDensity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'quantity' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'trainingOperations' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'openWeights' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'designedForDatacenter' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'memoryBandwidth' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'ledgerFigures' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'drawn' } },
              ],
            },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
          { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
          { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'items' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'index' } },
                { kind: 'Field', name: { kind: 'Name', value: 'eccn' } },
                { kind: 'Field', name: { kind: 'Name', value: 'outcome' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reviewPolicy' } },
                { kind: 'Field', name: { kind: 'Name', value: 'exceptions' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'enforcement' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'regime' } },
                { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                { kind: 'Field', name: { kind: 'Name', value: 'since' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'source' },
                  selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'Field', name: { kind: 'Name', value: 'citation' } }] },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'trace' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ruleId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
                { kind: 'Field', name: { kind: 'Name', value: 'matched' } },
                { kind: 'Field', name: { kind: 'Name', value: 'citation' } },
                { kind: 'Field', name: { kind: 'Name', value: 'explanation' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'policyVersion' },
            selectionSet: { kind: 'SelectionSet', selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'PolicyVersionFields' } }] },
          },
          { kind: 'Field', name: { kind: 'Name', value: 'engineVersion' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'draws' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'ledger' } },
                { kind: 'Field', name: { kind: 'Name', value: 'amount' } },
                { kind: 'Field', name: { kind: 'Name', value: 'usedBefore' } },
                { kind: 'Field', name: { kind: 'Name', value: 'cap' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'factEntries' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'string' } },
                { kind: 'Field', name: { kind: 'Name', value: 'number' } },
                { kind: 'Field', name: { kind: 'Name', value: 'boolean' } },
                { kind: 'Field', name: { kind: 'Name', value: 'strings' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DeterminationIssuedSubscription, DeterminationIssuedSubscriptionVariables>;
