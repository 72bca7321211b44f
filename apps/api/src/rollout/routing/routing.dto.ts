import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ROUTING_MODES, RoutingMode } from '@app/rollout';

export class SetRoutingDto {
  @ApiProperty({ enum: ROUTING_MODES })
  @IsIn(ROUTING_MODES)
  mode: RoutingMode;
}
