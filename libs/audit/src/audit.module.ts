import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '@app/platform';
import { AuditExportService } from './audit-export.service';
import { AuditQueryService } from './audit-query.service';
import { AuditChainHead } from './audit-chain-head.entity';
import { AuditRecord } from './audit-record.entity';
import { AuditService } from './audit.service';
import { AuditWithheldContent } from './audit-withheld-content.entity';

@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([AuditRecord, AuditChainHead, AuditWithheldContent]),
    ClockModule,
  ],
  providers: [AuditService, AuditQueryService, AuditExportService],
  exports: [AuditService, AuditQueryService, AuditExportService],
})
export class AuditModule {}
