import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** Empty fields pass here so the page can re-render with a translated message instead. */
export class LoginForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(254)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  password?: string;

  /** The authenticator app's code or a recovery code, for accounts that have an app. */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;
}
