import { StepUpDto } from '../../auth/step-up.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { DOCUMENT_KINDS, SignatureDocumentKind } from '@app/authorisation';

/** Who signs what: a customer security lead (signerUserId) or an external signer (name + email in the customer's domains). */
export class CreateSignatureRequestDto {
  @ApiProperty({ enum: DOCUMENT_KINDS, example: 'authorisation_letter' })
  @IsIn(DOCUMENT_KINDS)
  document: SignatureDocumentKind;

  @ApiPropertyOptional({
    minimum: 1,
    description: 'required for agreement_version: the service agreement version to sign',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  agreementVersion?: number;

  @ApiPropertyOptional({
    format: 'uuid',
    description: "a customer security lead of the engagement's customer",
  })
  @IsOptional()
  @IsUUID()
  signerUserId?: string;

  @ApiPropertyOptional({ example: 'Aiko Tanaka', description: 'external signer' })
  @IsOptional()
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  signerName?: string;

  @ApiPropertyOptional({
    example: 'legal@sakura.example',
    description: "external signer; in one of the customer's emailDomains",
  })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  signerEmail?: string;
}

export class RevokeSignatureRequestDto {
  @ApiProperty({ minLength: 3, maxLength: 2000 })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}

/** Signing: the typed full name, and re-authentication with the signer's strongest factor. */
export class SignDto extends StepUpDto {
  @ApiProperty({ example: 'Hanako Sato', description: 'the signer’s full name, typed' })
  @IsString()
  @MinLength(2)
  @MaxLength(200)
  typedName: string;
}

export class DeclineDto extends RevokeSignatureRequestDto {}
