/**
 * Errors raised by the domain carry a stable code; HTTP status is decided only at the edge
 * (global exception filter). Messages must never contain patient data.
 */
export enum ErrorKind {
  NotFound = 'not_found',
  Invalid = 'invalid',
  Conflict = 'conflict',
  Unauthenticated = 'unauthenticated',
  Forbidden = 'forbidden',
  Unavailable = 'unavailable',
  TooLarge = 'too_large',
}

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    /** Safe, non-personal details for the client (e.g. which field was wrong). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message = 'Not found') {
    super(code, ErrorKind.NotFound, message);
  }
}
