import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/* Shapes only: emptiness, owners (people of the engagement) and due days are checked by the lib. */

export class ReviewActionItemDto {
  @ApiProperty({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @ApiProperty({
    description: 'A person of the engagement (customer or provider staff, its account managers)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  ownerUserId?: string;

  @ApiProperty({ example: '2031-01-31', description: 'A calendar day, YYYY-MM-DD' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  dueDate?: string;
}

export class IncidentReviewDto {
  @ApiProperty({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  whatHappened?: string;

  @ApiProperty({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  rootCause?: string;

  @ApiProperty({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  lessons?: string;

  @ApiPropertyOptional({ type: [ReviewActionItemDto], maxItems: 30 })
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => ReviewActionItemDto)
  actionItems?: ReviewActionItemDto[];
}
