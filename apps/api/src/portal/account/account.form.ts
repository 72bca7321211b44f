import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** The account page: language and time zone ("" follows the organisation's zone). */
export class AccountForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(10) language?: string;
  @IsOptional() @IsString() @MaxLength(64) timeZone?: string;
}
