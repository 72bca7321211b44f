import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { EvidencePlace, EvidenceSubjects } from '@app/collaboration';
import { EvidenceFileView, EvidenceStore } from '@app/evidence';
import { AccessScope } from '@app/identity';
import { ValidationException } from '@app/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentScope } from '../../auth/current-scope.decorator';
import { Can } from '../../auth/can.decorator';
import { uuidParam } from '../../common/uuid-param';
import { ApiEvidenceUpload } from '../../openapi/request-bodies';
import { sendEvidenceFile } from '../../workflow/send-evidence-file';
import { readEvidenceUpload, refuseUnknownFields, visibilityField } from './read-evidence-upload';

const STEP_KEY = /^[a-z][a-z0-9_]{1,63}$/;

/**
 * Evidence files on onboarding steps and incidents: upload (multipart, one file in `file`,
 * optional `visibility`), the subject's list, and the download of one file by its id.
 */
@ApiTags('evidence')
@ApiBearerAuth()
@Controller('api')
export class EvidenceController {
  constructor(
    private readonly store: EvidenceStore,
    private readonly subjects: EvidenceSubjects,
  ) {}

  @Post('onboardings/:id/steps/:key/evidence')
  @Can('evidence.attach')
  @ApiEvidenceUpload()
  @ApiOperation({
    summary:
      "Attach a file to a step (EVIDENCE_STORE_MAX_BYTES, EVIDENCE_TYPES checked by its bytes; SHA-256 computed by the server). Shared unless the provider's staff ask for internal. Audited",
  })
  async attachToStep(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key') key: string,
    @Req() request: FastifyRequest,
  ): Promise<EvidenceFileView> {
    return this.attach(scope, request, () => this.subjects.step(scope, id, stepKey(key)));
  }

  @Get('onboardings/:id/steps/:key/evidence')
  @ApiOperation({
    summary: "A step's evidence files, oldest first (internal ones for the provider's side only)",
  })
  async listOfStep(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('key') key: string,
  ): Promise<{ items: EvidenceFileView[] }> {
    return this.list(scope, await this.subjects.step(scope, id, stepKey(key)));
  }

  @Post('engagements/:id/incidents/:incidentId/evidence')
  @Can('evidence.attach')
  @ApiEvidenceUpload()
  @ApiOperation({
    summary:
      "Attach a file to an incident (limits as for steps). Internal by default for the provider's staff; the customer's files are shared. Audited",
  })
  async attachToIncident(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
    @Req() request: FastifyRequest,
  ): Promise<EvidenceFileView> {
    return this.attach(scope, request, () => this.subjects.incident(scope, id, incidentId));
  }

  @Get('engagements/:id/incidents/:incidentId/evidence')
  @ApiOperation({
    summary:
      "An incident's evidence files, oldest first (internal ones for the provider's side only)",
  })
  async listOfIncident(
    @CurrentScope() scope: AccessScope,
    @Param('id', uuidParam('id')) id: string,
    @Param('incidentId', uuidParam('incidentId')) incidentId: string,
  ): Promise<{ items: EvidenceFileView[] }> {
    return this.list(scope, await this.subjects.incident(scope, id, incidentId));
  }

  @Get('evidence/:attachmentId')
  @ApiProduces('application/octet-stream')
  @ApiOperation({
    summary:
      'An evidence file as an attachment with its allow-listed content type and nosniff; X-Content-SHA256 is its recorded hash. Another tenant’s, or an internal one for the customer: 404; a task completion’s file for someone of neither party (the platform admin): 403. Audited',
  })
  async download(
    @CurrentScope() scope: AccessScope,
    @Param('attachmentId', uuidParam('attachmentId')) attachmentId: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    return sendEvidenceFile(reply, await this.store.download(scope, attachmentId));
  }

  /** The subject is found (404) before the body is read, so nothing is read for a stranger. */
  private async attach(
    scope: AccessScope,
    request: FastifyRequest,
    place: () => Promise<EvidencePlace>,
  ): Promise<EvidenceFileView> {
    const found = await place();
    const form = await readEvidenceUpload(request, this.store.limits.maxBytes);
    refuseUnknownFields(form.fields, ['visibility']);
    const subject = this.subjects.subjectFor(scope, found, visibilityField(form.fields));
    return this.store.attach(scope, subject, form.upload);
  }

  private async list(
    scope: AccessScope,
    place: EvidencePlace,
  ): Promise<{ items: EvidenceFileView[] }> {
    return {
      items: await this.store.list(scope, place.engagement, [{ kind: place.kind, id: place.id }]),
    };
  }
}

function stepKey(key: string): string {
  if (!STEP_KEY.test(key))
    throw new ValidationException([{ field: 'key', reason: 'is not a step key' }]);
  return key;
}
