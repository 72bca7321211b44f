import { IsIn, IsOptional } from 'class-validator';
import { CsrfForm } from './csrf-form';

/** The recipient's decision on the public confirmation page. */
export class ConfirmDecisionForm extends CsrfForm {
  @IsOptional()
  @IsIn(['approve', 'decline'])
  decision?: 'approve' | 'decline';
}
