import { Allow, IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** A new Slack or Teams channel; `events` is one checkbox value or several. The service checks all. */
export class NotificationChannelForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(10) provider?: string;
  @IsOptional() @IsString() @MaxLength(100) name?: string;
  @IsOptional() @IsString() @MaxLength(5) language?: string;
  @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @Allow() events?: string | string[];
}
