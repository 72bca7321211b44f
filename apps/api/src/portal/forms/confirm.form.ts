import { IsIn, IsOptional } from 'class-validator';
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
