import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** The single sign-on settings form; the service validates the values (400 naming the field). */
export class SsoSettingsForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(500) issuer?: string;
  @IsOptional() @IsString() @MaxLength(200) clientId?: string;
  @IsOptional() @IsString() @MaxLength(500) clientSecret?: string;
  /** Domains separated by commas, spaces or lines. */
  @IsOptional() @IsString() @MaxLength(3000) emailDomains?: string;
  /** A checkbox: present ('on') when ticked. */
  @IsOptional() @IsString() @MaxLength(10) passwordSignInDisabled?: string;
}
