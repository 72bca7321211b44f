import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/*
 * The onboarding pages' forms. Every field is an optional string here, with generous limits,
 * so that a missing or bad value reaches the controller, which answers with a translated
 * message on the page (303 and a flash) instead of the pipe's 400.
 */

/** Start an onboarding for an engagement. */
export class CreateOnboardingForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  engagementId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  templateKey?: string;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  plannedStartDate?: string;

  /** The checkbox: onboard an engagement whose service started again ("on" when ticked). */
  @IsOptional()
  @IsString()
  @MaxLength(10)
  reonboarding?: string;
}

/** One action on one step: approve, complete, reject, waive or reopen (proposals have their own form). */
export class StepActionForm extends CsrfForm {
  /** Reject, waive, reopen: why (3 to 2000 characters, checked by the controller). */
  @IsOptional()
  @IsString()
  @MaxLength(20000)
  reason?: string;

  /** The step's version on the page the person acted on; a newer one is a conflict. */
  @IsOptional()
  @IsString()
  @MaxLength(20)
  expectedVersion?: string;

  /** Where to come back to (checked to be a local path); the onboarding page by default. */
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  returnTo?: string;
}

/** Start the service. */
export class StartServiceForm extends CsrfForm {}
