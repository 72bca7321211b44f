import { ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationException } from './domain-exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * One global pipe: strips nothing silently, refuses unknown fields, names every bad field.
 * Text that cannot be stored (NUL, unpaired surrogates) never gets here: the global
 * UnrepresentableInputGuard refuses it first, before validators that would throw on it.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationException(flatten(errors)),
  });
}
