import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CsrfForm } from '../forms/csrf-form';

/* The roll-out planning pages' forms: optional strings, read by planning-input and checked there and by the services. */

export class GroupForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(200) name?: string;
  @IsOptional() @IsString() @MaxLength(20) kind?: string;
  @IsOptional() @IsString() @MaxLength(20) priority?: string;
  /** `rule` or `explicit`. */
  @IsOptional() @IsString() @MaxLength(20) definition?: string;
  @IsOptional() @IsString() @MaxLength(5) typeClient?: string;
  @IsOptional() @IsString() @MaxLength(5) typeServer?: string;
  @IsOptional() @IsString() @MaxLength(5) osWindows?: string;
  @IsOptional() @IsString() @MaxLength(5) osLinux?: string;
  @IsOptional() @IsString() @MaxLength(5) osMacos?: string;
  @IsOptional() @IsString() @MaxLength(10000) sites?: string;
  @IsOptional() @IsString() @MaxLength(2000) countries?: string;
  @IsOptional() @IsString() @MaxLength(10000) tags?: string;
  @IsOptional() @IsString() @MaxLength(1000000) hostnames?: string;
  /* The policy, on creation. */
  @IsOptional() @IsString() @MaxLength(20) mode?: string;
  @IsOptional() @IsString() @MaxLength(5) quarantine?: string;
  @IsOptional() @IsString() @MaxLength(20) updates?: string;
  @IsOptional() @IsString() @MaxLength(20) maxConcurrentUpdates?: string;
}

export class PolicyForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(20) mode?: string;
  @IsOptional() @IsString() @MaxLength(5) quarantine?: string;
  @IsOptional() @IsString() @MaxLength(20) updates?: string;
  @IsOptional() @IsString() @MaxLength(20) maxConcurrentUpdates?: string;
}

export class SiteFiguresForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(200) site?: string;
  @IsOptional() @IsString() @MaxLength(30) linkMbps?: string;
  @IsOptional() @IsString() @MaxLength(30) updateSharePercent?: string;
  @IsOptional() @IsString() @MaxLength(30) peakUseMbps?: string;
  @IsOptional() @IsString() @MaxLength(30) packageSizeMb?: string;
  @IsOptional() @IsString() @MaxLength(30) downloadMbps?: string;
}

export class TuningEntryForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(40) groupId?: string;
  @IsOptional() @IsString() @MaxLength(253) hostname?: string;
  @IsOptional() @IsString() @MaxLength(300) detectionName?: string;
  @IsOptional() @IsString() @MaxLength(500) process?: string;
  @IsOptional() @IsString() @MaxLength(20) decision?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CloseTuningEntryForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(20) decision?: string;
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class ModeSwitchForm extends CsrfForm {
  /** The request's note, or the rejection's reason. */
  @IsOptional() @IsString() @MaxLength(2000) note?: string;
  @IsOptional() @IsString() @MaxLength(2000) reason?: string;
}
