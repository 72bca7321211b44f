import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, MaxLength } from 'class-validator';

export class PasskeyAssertionDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the WebAuthn assertion (PublicKeyCredential.toJSON())',
  })
  @IsObject()
  passkey: Record<string, unknown>;
}

export class AddPasskeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Work laptop' })
  @IsString()
  @MaxLength(200)
  name: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'the WebAuthn attestation (PublicKeyCredential.toJSON())',
  })
  @IsObject()
  passkey: Record<string, unknown>;
}
