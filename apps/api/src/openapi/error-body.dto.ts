import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_STATUS } from '../http/error-status';

/** One refused field of a 400 VALIDATION_FAILED answer. */
export class FieldErrorDto {
  @ApiProperty({ example: 'customer' })
  field: string;

  @ApiProperty({ example: 'must be a UUID or a customer name' })
  reason: string;
}

/** The one error body every route answers with (AllExceptionsFilter), referenced by every operation. */
export class ErrorBodyDto {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ enum: Object.keys(ERROR_STATUS), example: 'NOT_FOUND' })
  code: string;

  @ApiProperty({ example: 'Onboarding not found' })
  message: string;

  @ApiPropertyOptional({
    description:
      'For VALIDATION_FAILED the refused fields ({ field, reason }[]); for a refused state change (409) what blocks it',
    oneOf: [
      { type: 'array', items: { $ref: '#/components/schemas/FieldErrorDto' } },
      { type: 'object' },
    ],
  })
  details?: FieldErrorDto[] | Record<string, unknown>;
}
