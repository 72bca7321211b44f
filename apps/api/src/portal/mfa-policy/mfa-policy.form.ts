import { IsIn } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** The organisation's MFA switch: the button posts the state it sets. */
export class MfaPolicyForm extends CsrfForm {
  @IsIn(['true', 'false'])
  requireMfa: 'true' | 'false';
}
