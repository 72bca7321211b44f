import { ParseUUIDPipe } from '@nestjs/common';
import { ValidationException } from '@app/platform';

/** A path id that is not a UUID is a 400 naming the parameter, never a database error. */
export function uuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new ValidationException([{ field: name, reason: 'must be a UUID' }]),
  });
}
