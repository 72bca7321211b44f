import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/* The protection pages' forms: optional strings, checked by the services behind them. */

export class BlockListEntryForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(20) type?: string;
  @IsOptional() @IsString() @MaxLength(4096) value?: string;
  @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  /** A date (YYYY-MM-DD) from the date input; the entry expires at its UTC midnight. */
  @IsOptional() @IsString() @MaxLength(40) expiresOn?: string;
}

export class PastIncidentForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(300) title?: string;
  @IsOptional() @IsString() @MaxLength(20) occurredOn?: string;
  @IsOptional() @IsString() @MaxLength(10000) description?: string;
  @IsOptional() @IsString() @MaxLength(500) technique?: string;
  /** One indicator per line: `<type> <value>`. */
  @IsOptional() @IsString() @MaxLength(200000) indicators?: string;
}

export class RoutingForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(40) mode?: string;
}
