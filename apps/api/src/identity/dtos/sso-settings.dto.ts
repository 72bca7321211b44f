import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

/** An organisation's OpenID Connect provider, as its admin sets it. */
export class SsoSettingsDto {
  @ApiProperty({
    example: 'https://login.sakura.example',
    description: 'The provider’s issuer URL (https)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  issuer: string;

  @ApiProperty({ example: 'mdr-portal' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  clientId: string;

  @ApiPropertyOptional({
    description:
      'Required the first time; omit it to keep the stored one. Stored encrypted, never answered.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  clientSecret?: string;

  @ApiProperty({
    type: [String],
    example: ['sakura.example'],
    description:
      'Addresses of these domains sign in through the provider; each must be one of the organisation’s domains and no other organisation’s',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Matches(/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, {
    each: true,
    message: 'each entry must be a domain name such as example.com',
  })
  emailDomains: string[];

  @ApiProperty({
    description: 'The organisation’s people may not sign in (or reset) with a password',
  })
  @IsBoolean()
  passwordSignInDisabled: boolean;
}
