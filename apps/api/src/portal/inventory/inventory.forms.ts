import { Allow, IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/* The inventory pages' forms: optional strings, checked by the services behind them. */

export class DecisionForm extends CsrfForm {
  /** `selected` (the checked endpoints) or `filter` (every endpoint needing a decision that matches). */
  @IsOptional() @IsString() @MaxLength(20) target?: string;
  /** One checkbox per endpoint: a string when one is checked, a list when several are. */
  @IsOptional() @Allow() endpointIds?: string | string[];
  @IsOptional() @IsString() @MaxLength(20) kind?: string;
  @IsOptional() @IsString() @MaxLength(20) upgradeBy?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsString() @MaxLength(200) site?: string;
  @IsOptional() @IsString() @MaxLength(20) osFamily?: string;
  @IsOptional() @IsString() @MaxLength(100) osVersion?: string;
  @IsOptional() @IsString() @MaxLength(20) supportStatus?: string;
}

export class RejectDecisionForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}

export class ProductPlanForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(200) product?: string;
  @IsOptional() @IsString() @MaxLength(20) action?: string;
  @IsOptional() @IsString() @MaxLength(20) removePhase?: string;
  /** `yes` or `no` (radio buttons). */
  @IsOptional() @IsString() @MaxLength(3) quarantines?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
