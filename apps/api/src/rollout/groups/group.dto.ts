import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  GROUP_KINDS,
  GroupKind,
  POLICY_MODES,
  PolicyMode,
  UPDATE_MODES,
  UpdateMode,
} from '@app/rollout';

export class PolicyDto {
  @ApiProperty({ enum: POLICY_MODES, example: 'detect' })
  @IsIn(POLICY_MODES)
  mode: PolicyMode;

  @ApiProperty({ example: false, description: 'off where an existing AV that quarantines stays' })
  @IsBoolean()
  quarantine: boolean;

  @ApiProperty({ enum: UPDATE_MODES, example: 'manual' })
  @IsIn(UPDATE_MODES)
  updates: UpdateMode;

  @ApiProperty({ minimum: 1, maximum: 100000, example: 10 })
  @IsInt()
  @Min(1)
  @Max(100000)
  maxConcurrentUpdates: number;
}

export class GroupDto {
  @ApiProperty({ example: 'Core business servers', maxLength: 120 })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({
    enum: GROUP_KINDS,
    description: 'evaluation groups are the first roll-out wave and never block',
  })
  @IsIn(GROUP_KINDS)
  kind: GroupKind;

  @ApiProperty({
    minimum: 0,
    maximum: 100000,
    description: 'rule groups are tried lowest first; one group per priority',
  })
  @IsInt()
  @Min(0)
  @Max(100000)
  priority: number;

  @ApiPropertyOptional({
    description:
      'criteria type, site, country, osFamily (any listed value) and tags (all); {} matches every endpoint',
    example: { type: ['server'], country: ['JP'] },
  })
  @IsOptional()
  @IsObject()
  rule?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: [String],
    description: 'an explicit list instead of a rule (hostnames of the inventory)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10000)
  @IsString({ each: true })
  @MaxLength(253, { each: true })
  hostnames?: string[];
}

export class CreateGroupDto extends GroupDto {
  @ApiPropertyOptional({
    type: PolicyDto,
    description: 'default: detect, quarantine off, manual updates, 10 at once',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => PolicyDto)
  policy?: PolicyDto;
}
