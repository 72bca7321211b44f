export * from './audit-record.entity';
export * from './audit-withheld-content.entity';
export * from './internal-changes';
export * from './audit-chain-head.entity';
export * from './audit-chains';
export * from './chain-walker';
export * from './audit.service';
export * from './audit-query.service';
export * from './audit-export.service';
export * from './audit-verifier';
export * from './audit-hash';
export * from './canonical-json';
export * from './audit.module';

import { AuditChainHead } from './audit-chain-head.entity';
import { AuditRecord } from './audit-record.entity';
import { AuditWithheldContent } from './audit-withheld-content.entity';
export const AUDIT_ENTITIES = [AuditRecord, AuditChainHead, AuditWithheldContent];
