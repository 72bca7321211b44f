import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from './csrf-form';

/** A portal form that re-authenticates (StepUpService): the field of the person's strongest factor. */
export class StepUpForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;

  /** The JSON of a WebAuthn assertion, put there by /static/passkeys.js. */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  passkey?: string;
}
