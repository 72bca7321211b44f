import { PipeTransform } from '@nestjs/common';
import { ValidationException } from '@app/platform';

/** A step key in the path: snake_case, or a 400 naming the parameter. */
export class StepKeyPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!/^[a-z][a-z0-9_]{1,63}$/.test(value))
      throw new ValidationException([{ field: 'key', reason: 'must be a step key' }]);
    return value;
  }
}
