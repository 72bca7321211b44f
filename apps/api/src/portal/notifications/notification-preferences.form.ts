import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/**
 * The notification settings page: one select per kind (immediate, digest, off) and the digest
 * hour. Mandatory kinds are shown locked and not posted; one posted anyway is refused by the
 * service (NOTIFICATION_KIND_MANDATORY).
 */
export class NotificationPreferencesForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(20) step_opened?: string;
  @IsOptional() @IsString() @MaxLength(20) reminder?: string;
  @IsOptional() @IsString() @MaxLength(20) step_overdue?: string;
  @IsOptional() @IsString() @MaxLength(20) mention?: string;
  @IsOptional() @IsString() @MaxLength(20) comment?: string;
  @IsOptional() @IsString() @MaxLength(20) approval_requested?: string;
  @IsOptional() @IsString() @MaxLength(20) approval_decided?: string;
  @IsOptional() @IsString() @MaxLength(20) incident_update?: string;
  @IsOptional() @IsString() @MaxLength(20) detection?: string;
  @IsOptional() @IsString() @MaxLength(20) response_action_approval?: string;
  @IsOptional() @IsString() @MaxLength(20) signature_request?: string;
  @IsOptional() @IsString() @MaxLength(20) escalation?: string;
  @IsOptional() @IsString() @MaxLength(20) account_security?: string;
  @IsOptional() @IsString() @MaxLength(5) digestHour?: string;
}
