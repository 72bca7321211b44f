import { Language, LANGUAGES } from '@app/identity';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

export class LanguageForm extends CsrfForm {
  @IsIn(LANGUAGES)
  language: Language;

  /** Checked to be a local path before the redirect; anything else goes home. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  returnTo?: string;
}
