import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldError, ValidationException } from './domain-exception';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Fields whose strings are not well-formed Unicode (a lone surrogate), by path. */
export function malformedStrings(value: unknown, path = '', found: string[] = []): string[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (LONE_SURROGATE.test(value)) found.push(path || 'value');
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => malformedStrings(item, `${path}[${i}]`, found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) malformedStrings(item, path ? `${path}.${key}` : key, found);
  }
  return found;
}

/**
 * One global pipe: strips nothing silently, refuses unknown fields, names every bad field.
 * Strings that are not well-formed Unicode are refused first: some validators (e.g. isEmail)
 * throw on them instead of answering false.
 */
class StrictValidationPipe extends ValidationPipe {
  override transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const malformed = malformedStrings(value, metadata.type === 'body' ? '' : (metadata.data ?? ''));
    if (malformed.length > 0) {
      throw new ValidationException(malformed.map((field) => ({ field, reason: 'is not valid Unicode text (unpaired surrogate)' })));
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new StrictValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationException(flatten(errors)),
  });
}
