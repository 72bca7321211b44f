import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from './csrf-form';

/** The recipient's decision on the public confirmation page. */
export class ConfirmDecisionForm extends CsrfForm {
  @IsOptional()
  @IsIn(['approve', 'decline'])
  decision?: 'approve' | 'decline';

  /** The language the page was read in, so the answer page speaks it too. */
  @IsOptional()
  @IsIn(['ja', 'en', 'zh'])
  lang?: 'ja' | 'en' | 'zh';
}

/** The security lead's decision on a response action by the mailed link, with their re-authentication. */
export class ActionDecisionForm extends ConfirmDecisionForm {
  /** For a person whose strongest factor is their password. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  /** For a person with an authenticator app: its current code or a recovery code. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  code?: string;
}
