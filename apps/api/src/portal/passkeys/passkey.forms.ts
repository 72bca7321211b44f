import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** Adding a passkey: its name and the browser's answer (JSON, put there by /static/passkeys.js). */
export class AddPasskeyForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  passkey?: string;
}

/** The second sign-in step with a passkey: the answer to the challenge the password step issued. */
export class PasskeySignInForm extends CsrfForm {
  /** Only to show the sign-in page again with the address filled in. */
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20000)
  passkey?: string;
}
