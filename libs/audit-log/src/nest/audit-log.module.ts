import { Module } from '@nestjs/common';
import { DeterminationsModule } from '#determinations';
import { AuditResolver } from '../graphql/audit.resolver.js';
import { DeterminationReceiptResolver } from '../graphql/determination-receipt.resolver.js';
import { AuditKeyController } from './audit-key.controller.js';
import { AuditRecord } from './audit-record.service.js';

/** The audit record: tree, checkpoints, receipts, proofs, verification and the public key (docs/audit.md). Needs AUDIT_SETTINGS. */
@Module({
  imports: [DeterminationsModule],
  controllers: [AuditKeyController],
  providers: [AuditRecord, AuditResolver, DeterminationReceiptResolver],
  exports: [AuditRecord],
})
export class AuditLogModule {}
