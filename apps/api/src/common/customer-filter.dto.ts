import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { PagingQueryDto } from './paging.dto';

const CUSTOMER_DESCRIPTION =
  'The customer: its organisation id, or (part of) its name, e.g. Sakura';

/** The customer filter as lists take it: what a person types, an id or a name. */
export class CustomerFilterQueryDto extends PagingQueryDto {
  @ApiPropertyOptional({ description: CUSTOMER_DESCRIPTION, example: 'Sakura' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  customer?: string;
}
