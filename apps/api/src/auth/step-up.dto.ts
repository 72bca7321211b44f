import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * Re-authentication for a consequential act: the field of the caller's strongest factor
 * (`passkey` > `code` > `password`); the others are ignored. 400 names the field that is needed.
 */
export class StepUpDto {
  @ApiPropertyOptional({
    description: 'your password again (accounts without an authenticator app or passkey)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  password?: string;

  @ApiPropertyOptional({
    description:
      'a current code of your authenticator app, or an unused recovery code (accounts with an app and no passkey)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description:
      'a WebAuthn assertion (PublicKeyCredential.toJSON()) answering the challenge of POST /api/me/passkeys/step-up (accounts with a passkey)',
  })
  @IsOptional()
  @IsObject()
  passkey?: Record<string, unknown>;
}
