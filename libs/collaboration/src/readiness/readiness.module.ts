import { Module } from '@nestjs/common';
import { ClockModule } from '@app/platform';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import { WorkflowModule } from '@app/workflow';
import { ReadinessPdfService } from './readiness-pdf.service';
import { ReadinessService } from './readiness.service';

/** The readiness summary of an onboarding, as data for its page and as a PDF. */
@Module({
  imports: [WorkflowModule, ClockModule],
  providers: [ReadinessService, ReadinessPdfService, PdfWriter],
  exports: [ReadinessService, ReadinessPdfService],
})
export class ReadinessModule {}
