import { PLAN_ACTIONS, PlanAction, ROLLOUT_PHASES, RolloutPhase } from '@app/rollout';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class ProductPlanDto {
  @ApiProperty({ example: 'Legacy AV 12' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  product: string;

  @ApiProperty({ enum: PLAN_ACTIONS })
  @IsIn(PLAN_ACTIONS)
  action: PlanAction;

  @ApiPropertyOptional({ enum: ROLLOUT_PHASES, description: 'required for remove' })
  @IsOptional()
  @IsIn(ROLLOUT_PHASES)
  removePhase?: RolloutPhase;

  @ApiProperty({ description: 'whether the product quarantines files itself' })
  @IsBoolean()
  quarantines: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
