import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsObject, IsOptional, Max, Min } from 'class-validator';
import { NOTIFICATION_DELIVERIES } from '@app/notify';

/** A change to your notification settings; kinds and deliveries are checked by the service. */
export class NotificationPreferencesDto {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string', enum: [...NOTIFICATION_DELIVERIES] },
    example: { reminder: 'digest', incident_update: 'off' },
    description:
      'Kind → immediate, digest or off. Mandatory kinds (response_action_approval, signature_request, escalation) answer 409 NOTIFICATION_KIND_MANDATORY unless immediate',
  })
  @IsOptional()
  @IsObject()
  deliveries?: Record<string, string>;

  @ApiPropertyOptional({ minimum: 0, maximum: 23, description: 'Local hour of your daily digest' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(23)
  digestHour?: number;
}
