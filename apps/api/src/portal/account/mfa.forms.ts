import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** A code typed on the authenticator page; checked by TotpService. */
export class TotpCodeForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;
}
