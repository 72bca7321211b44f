import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AccessScope } from '@app/identity';
import { TaskEvidenceService } from '@app/workflow';
import type { FastifyReply } from 'fastify';
import { CurrentScope } from '../auth/current-scope.decorator';
import { uuidParam } from '../common/uuid-param';
import { sendEvidenceFile } from './send-evidence-file';

/** Evidence files of completed tasks, for the two parties of the engagement. */
@ApiTags('onboardings')
@ApiBearerAuth()
@Controller('api/onboardings/:id/evidence')
export class TaskEvidenceController {
  constructor(private readonly evidence: TaskEvidenceService) {}

  @Get(':fileId')
  @ApiProduces('application/octet-stream')
  @ApiOperation({
    summary:
      "An evidence file as an attachment, for the engagement's customer and provider (others who see the onboarding: 403); X-Content-SHA256 is its recorded hash. Audited",
  })
  async download(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('fileId', uuidParam('fileId')) fileId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendEvidenceFile(reply, await this.evidence.download(scope, id, fileId));
  }
}
