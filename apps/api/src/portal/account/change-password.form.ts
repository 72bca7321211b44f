import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** Empty fields pass here; the controller re-renders the form with a translated message. */
export class ChangePasswordForm extends CsrfForm {
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  currentPassword?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  newPassword?: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  confirmation?: string;
}

/** `?done=changed` after the redirect that follows a successful change. */
export class ChangePasswordQuery {
  @IsOptional()
  @IsString()
  @MaxLength(20)
  done?: string;
}
