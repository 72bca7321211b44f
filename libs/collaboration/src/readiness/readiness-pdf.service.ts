import { Injectable } from '@nestjs/common';
import { PdfWriter } from '@app/platform/documents/pdf-writer';
import type { AccessScope } from '@app/identity';
import type { Reader } from '@app/platform';
import { readinessHtml } from './readiness-document';
import { ReadinessService } from './readiness.service';

/** The readiness summary as a PDF to share, in the reader's language and zone (CJK font embedded). */
@Injectable()
export class ReadinessPdfService {
  constructor(
    private readonly readiness: ReadinessService,
    private readonly pdf: PdfWriter,
  ) {}

  async pdfOf(
    scope: AccessScope,
    onboardingId: string,
    reader: Reader,
  ): Promise<{ body: Buffer; filename: string }> {
    const summary = await this.readiness.summary(scope, onboardingId, reader);
    return {
      body: await this.pdf.render(readinessHtml(summary), reader.language),
      filename: `onboarding-${summary.onboardingId}-readiness.pdf`,
    };
  }
}
