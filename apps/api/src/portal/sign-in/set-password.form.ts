import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** The invitation link's query. */
export class SetPasswordQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

/** The policy and the confirmation are checked by the controller, which re-renders the form. */
export class SetPasswordForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  confirmation?: string;
}
