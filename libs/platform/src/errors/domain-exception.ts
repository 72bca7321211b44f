import { ErrorCode, PlatformErrorCode } from './error-codes';

/**
 * A rule was broken; its code names which one, and the HTTP layer's one table decides the status.
 * Constructed directly it takes only the platform's shared codes; a lib declares its own codes
 * and a subclass over them (`class WorkflowError extends DomainException<WorkflowErrorCode> {}`),
 * so a lib cannot throw a code nobody declared.
 */
export class DomainException<Code extends ErrorCode = PlatformErrorCode> extends Error {
  /** Any declared code; read it as a string, the constructor is what keeps it declared. */
  readonly code: ErrorCode;

  constructor(
    code: NoInfer<Code>,
    message: string,
    readonly details?: unknown,
    /** Seconds a client should wait, for TOO_MANY_REQUESTS. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.code = code;
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
