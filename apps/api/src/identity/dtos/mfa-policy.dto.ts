import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class SetMfaPolicyDto {
  @ApiProperty({
    description:
      'Every one of the organisation’s people must have a second factor; one who has none signs in only to set one up',
  })
  @IsBoolean()
  requireMfa: boolean;
}
