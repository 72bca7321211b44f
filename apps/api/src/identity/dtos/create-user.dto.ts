import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { LANGUAGES, Language, ROLES, Role } from '@app/identity';

/** An invitation: no password, ever (the invitee chooses it through the mailed link). */
export class CreateUserDto {
  @ApiProperty({ example: 'it-jp@sakura.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Taro Yamada' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Required for every role but platform_admin',
  })
  @IsOptional()
  @IsUUID()
  organisationId?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({ example: 'JP', description: 'Required for customer_it' })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'countryCode must be two capital letters (ISO 3166-1)' })
  countryCode?: string;

  @ApiPropertyOptional({ enum: LANGUAGES, description: "Defaults to the organisation's language" })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: Language;
}
