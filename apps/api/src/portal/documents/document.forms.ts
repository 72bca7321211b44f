import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/*
 * The documents page's forms. Every field is an optional string with generous limits, so a
 * missing or bad value reaches the controller, which answers with a message on the page.
 */

/** Save the draft: the whole content as JSON text. */
export class SaveDraftForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(400000)
  content?: string;
}

/** Propose, approve or reject a version; reject needs a reason (checked by the controller). */
export class VersionActionForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  reason?: string;
}
