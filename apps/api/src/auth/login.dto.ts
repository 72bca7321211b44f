import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'security@sakura.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;

  @ApiPropertyOptional({
    description:
      'The authenticator app’s 6-digit code, or a recovery code; required once the account has an app (401 MFA_REQUIRED without it)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  otp?: string;
}

export class AccessTokenDto {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: string;

  @ApiProperty({ description: 'Seconds until the token expires' })
  expiresIn: number;
}

export class ChangePasswordDto {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 200,
    description: 'Not a common or breached password, nor built on your name or email',
  })
  @IsString()
  @MaxLength(1000)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({ example: 'security@sakura.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty({ description: 'The token of the link in the mail' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    minLength: 12,
    maxLength: 200,
    description: 'Not a common or breached password, nor built on your name or email',
  })
  @IsString()
  @MaxLength(1000)
  newPassword: string;
}

export class TotpCodeDto {
  @ApiProperty({
    description: 'A current code of the authenticator app (or, to remove it, a recovery code)',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(40)
  code: string;
}
