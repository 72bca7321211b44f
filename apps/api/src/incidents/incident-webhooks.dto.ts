import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';

export class IncidentWebhooksDto {
  @ApiPropertyOptional({
    nullable: true,
    description: 'http(s) URL of the chat webhook; null or absent: none',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  chatUrl?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    description: 'http(s) URL of the ticketing webhook; null or absent: none',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  ticketingUrl?: string | null;

  @ApiPropertyOptional({ description: 'Generate a new signing secret (returned once)' })
  @IsOptional()
  @IsBoolean()
  rotateSecret?: boolean;
}
