import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/* The incident pages' forms: optional strings, checked by the incident services behind them. */

export class OpenIncidentForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(300) title?: string;
  @IsOptional() @IsString() @MaxLength(20) severity?: string;
  @IsOptional() @IsString() @MaxLength(255) host?: string;
  @IsOptional() @IsString() @MaxLength(2000) description?: string;
}

export class IncidentStatusForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(20) status?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

/** A runbook task: a note when completed, the reason when not applicable (checked by the service). */
export class TaskForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class RequestActionForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(40) action?: string;
  @IsOptional() @IsString() @MaxLength(255) target?: string;
  @IsOptional() @IsString() @MaxLength(20) targetType?: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class IncidentFilterQuery {
  @IsOptional() @IsString() @MaxLength(20) status?: string;
  @IsOptional() @IsString() @MaxLength(20) severity?: string;
  @IsOptional() @IsString() @MaxLength(20) done?: string;
}
