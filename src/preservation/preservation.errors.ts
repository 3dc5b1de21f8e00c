import { DomainError, ErrorKind, NotFoundError } from '../platform/errors/domain.error';

export enum PreservationErrorCode {
  ObjectNotFound = 'PRESERVATION_OBJECT_NOT_FOUND',
  ObjectExists = 'PRESERVATION_OBJECT_EXISTS',
  ObjectDamaged = 'PRESERVATION_OBJECT_DAMAGED',
  InvalidObjectId = 'PRESERVATION_INVALID_OBJECT_ID',
  UnknownLocation = 'PRESERVATION_UNKNOWN_LOCATION',
  InvalidPolicy = 'PRESERVATION_INVALID_POLICY',
  CopyFailed = 'PRESERVATION_COPY_FAILED',
  FileNotFound = 'PRESERVATION_FILE_NOT_FOUND',
}

export const objectNotFound = () => new NotFoundError(PreservationErrorCode.ObjectNotFound, 'Object not found');
export const fileNotFound = () => new NotFoundError(PreservationErrorCode.FileNotFound, 'File not found');
export const objectExists = (id: string) =>
  new DomainError(PreservationErrorCode.ObjectExists, ErrorKind.Conflict, `Object ${id} already exists with different content`);
export const objectDamaged = (id: string) =>
  new DomainError(PreservationErrorCode.ObjectDamaged, ErrorKind.Unavailable, `Object ${id} has no intact copy`);
export const invalidObjectId = () =>
  new DomainError(PreservationErrorCode.InvalidObjectId, ErrorKind.Invalid, 'Object ids look like urn:samarkiv:<tenant>:<kind>:<id>');
export const unknownLocation = (name: string) =>
  new DomainError(PreservationErrorCode.UnknownLocation, ErrorKind.Invalid, `Unknown storage location "${name}"`);
export const invalidPolicy = (why: string) => new DomainError(PreservationErrorCode.InvalidPolicy, ErrorKind.Invalid, `Invalid storage policy: ${why}`);
/** A copy could not be written or did not verify; the object is not stored. */
export const copyFailed = (id: string, location: string, why: string) =>
  new DomainError(PreservationErrorCode.CopyFailed, ErrorKind.Unavailable, `Copy of ${id} in ${location} failed: ${why}`);
