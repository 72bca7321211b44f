import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** Recipients typed one per line (or separated by commas). */
export class SendDomainConfirmationForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  recipients?: string;
}

/** Resend and DNS check carry only the CSRF token. */
export class DomainConfirmationActionForm extends CsrfForm {}

export function splitRecipients(text: string | undefined): string[] {
  return (text ?? '').split(/[\s,;]+/).filter((part) => part.length > 0);
}
