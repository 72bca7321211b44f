import { ErrorCode } from './error-codes';

/** A rule of the business was broken; the code decides the HTTP status in one place. */
export class DomainException extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Seconds a client should wait, for TOO_MANY_REQUESTS. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainException';
  }
}

export class NotFoundException extends DomainException {
  constructor(subject: string) {
    super('NOT_FOUND', `${subject} not found`);
  }
}

export class ForbiddenException extends DomainException {
  constructor(message = 'You may not perform this action') {
    super('FORBIDDEN', message);
  }
}

export interface FieldError {
  field: string;
  reason: string;
}

export class ValidationException extends DomainException {
  constructor(readonly fields: FieldError[]) {
    super(
      'VALIDATION_FAILED',
      fields.map((f) => `${f.field}: ${f.reason}`).join('; ') || 'Invalid input',
      fields,
    );
  }
}
