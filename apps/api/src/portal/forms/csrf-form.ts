import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Every portal form posts its CSRF token as `_csrf` (the field @fastify/csrf-protection reads).
 * CsrfGuard checks it; it is declared here only so the global pipe's whitelist accepts it.
 */
export abstract class CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  _csrf?: string;
}

/** A form of only a button: nothing but its CSRF token. */
export class PlainForm extends CsrfForm {}
