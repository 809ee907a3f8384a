import { Command } from '@nestjs/cqrs';
import type { Actor, PolicyDocument } from '#domain';

export interface ImportSummary {
  policyId: string;
  imported: string[];
  alreadyPresent: string[];
  position: number;
}

/** The file a document was read from, as written (policy-files' PolicyFileText). */
export interface PolicyFileRecord {
  documentId: string;
  name: string;
  text: string;
}

/** Records legal actions (policy files) as published changes; documents already recorded are skipped. */
export class ImportPolicyDocuments extends Command<ImportSummary> {
  constructor(
    readonly policyId: string,
    readonly documents: readonly PolicyDocument[],
    readonly actor: Actor,
    readonly files: readonly PolicyFileRecord[] = [],
  ) {
    super();
  }
}
