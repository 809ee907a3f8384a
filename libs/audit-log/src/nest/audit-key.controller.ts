import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '#api-kit';
import { AuditRecord } from './audit-record.service.js';

/** The log's public key, so anyone can verify checkpoints and receipts without an account. */
@Public()
@Controller('.well-known/policy-ledger')
export class AuditKeyController {
  constructor(private readonly audit: AuditRecord) {}

  @Get('audit-key.pem')
  @Header('content-type', 'application/x-pem-file')
  @Header('cache-control', 'public, max-age=300')
  key(): string {
    return this.audit.publicKeyPem;
  }
}
