import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/** Record the deployment of several endpoints (the waves page, one form per wave). */
export class DeploymentForm extends CsrfForm {
  /** Which wave's form (`deployment:<site>:<wave>`), to show a refusal next to it. */
  @IsOptional() @IsString() @MaxLength(300) form?: string;
  /** Host names, one per line (commas and spaces separate too). */
  @IsOptional() @IsString() @MaxLength(1_000_000) hostnames?: string;
  @IsOptional() @IsString() @MaxLength(20) status?: string;
  @IsOptional() @IsString() @MaxLength(20000) reason?: string;
}
