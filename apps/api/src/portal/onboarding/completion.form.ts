import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/**
 * Completing a step without files (the one-click button, or the note form): a urlencoded body.
 * With files the form is multipart and read from the stream instead (see StepCompletionPagesController).
 */
export class CompletionForm extends CsrfForm {
  /** Checked by the engine (at most 4000 characters); generous here so the page says why. */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  note?: string;

  @IsOptional()
  @IsString()
  @MaxLength(20)
  expectedVersion?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  returnTo?: string;
}
