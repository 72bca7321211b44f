import { StepUpForm } from '../forms/step-up.form';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** The signing link's form: sign with the emailed code and the typed name, or decline with a reason. */
export class SigningLinkForm extends CsrfForm {
  @IsOptional()
  @IsIn(['sign', 'decline'])
  action?: 'sign' | 'decline';

  @IsOptional()
  @IsString()
  @MaxLength(20)
  code?: string;

  @IsOptional()
  @IsString()
  @MaxLength(300)
  typedName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** The signed-in signer's form: re-authentication with their strongest factor instead of a code. */
export class SigningForm extends StepUpForm {
  @IsOptional()
  @IsIn(['sign', 'decline'])
  action?: 'sign' | 'decline';

  @IsOptional()
  @IsString()
  @MaxLength(300)
  typedName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

/** The provider's request form. */
export class SignatureRequestForm extends CsrfForm {
  @IsOptional()
  @IsIn(['authorisation_letter', 'agreement_version'])
  document?: 'authorisation_letter' | 'agreement_version';

  @IsOptional()
  @IsString()
  @MaxLength(12)
  agreementVersion?: string;

  @IsOptional()
  @IsString()
  @MaxLength(40)
  signerUserId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  signerName?: string;

  @IsOptional()
  @IsString()
  @MaxLength(320)
  signerEmail?: string;
}

export class RevokeForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}
