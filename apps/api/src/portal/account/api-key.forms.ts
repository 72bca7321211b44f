import { Allow, IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** A new key: optional strings here, checked by ApiKeyService (the page names what is wrong). */
export class CreateApiKeyForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(1000) name?: string;
  /** One checkbox per scope: a string when one is checked, a list when several are. */
  @IsOptional() @Allow() scopes?: string | string[];
  @IsOptional() @IsString() @MaxLength(100) engagementId?: string;
  @IsOptional() @IsString() @MaxLength(10) expiresInDays?: string;
}
