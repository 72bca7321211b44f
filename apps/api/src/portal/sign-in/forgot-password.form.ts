import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** The address of "forgot password"; anything is accepted, the answer is the same. */
export class ForgotPasswordForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  email?: string;
}
