import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { API_KEY_SCOPES, MAX_API_KEY_DAYS } from '@app/identity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'SIEM export', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: API_KEY_SCOPES, isArray: true, example: ['incidents:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_KEY_SCOPES.length)
  @IsIn(API_KEY_SCOPES, { each: true })
  scopes: string[];

  @ApiPropertyOptional({
    description: 'The one engagement the key is for; omitted: every engagement you see',
  })
  @IsOptional()
  @IsUUID()
  engagementId?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_API_KEY_DAYS, default: 90 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_API_KEY_DAYS)
  expiresInDays?: number;
}
