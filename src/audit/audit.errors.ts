import { DomainError, ErrorKind, NotFoundError } from '../platform/errors/domain.error';

export enum AuditErrorCode {
  /** The access could not be logged, so its data is withheld (fail closed). */
  LogUnavailable = 'AUDIT_LOG_UNAVAILABLE',
  InvalidEntry = 'AUDIT_INVALID_ENTRY',
  SampleNotFound = 'AUDIT_SAMPLE_NOT_FOUND',
  SampleItemNotFound = 'AUDIT_SAMPLE_ITEM_NOT_FOUND',
  SampleSignedOff = 'AUDIT_SAMPLE_SIGNED_OFF',
  InvalidPeriod = 'AUDIT_INVALID_PERIOD',
  LogNotFound = 'AUDIT_LOG_NOT_FOUND',
}

export const logUnavailable = () =>
  new DomainError(AuditErrorCode.LogUnavailable, ErrorKind.Unavailable, 'The access log cannot be written right now; no data is returned');
export const invalidEntry = (why: string) => new DomainError(AuditErrorCode.InvalidEntry, ErrorKind.Invalid, `Invalid audit entry: ${why}`);
export const sampleNotFound = () => new NotFoundError(AuditErrorCode.SampleNotFound, 'Review sample not found');
export const sampleItemNotFound = () => new NotFoundError(AuditErrorCode.SampleItemNotFound, 'Entry is not part of this sample');
export const sampleSignedOff = () => new DomainError(AuditErrorCode.SampleSignedOff, ErrorKind.Conflict, 'The sample is signed off and can no longer change');
export const invalidPeriod = (why: string) => new DomainError(AuditErrorCode.InvalidPeriod, ErrorKind.Invalid, `Invalid period: ${why}`);
/** Another tenant's log, or one the caller cannot see: "not found", never "forbidden" (no existence leak). */
export const logNotFound = () => new NotFoundError(AuditErrorCode.LogNotFound, 'Not found');
