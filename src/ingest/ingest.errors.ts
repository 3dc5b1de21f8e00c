import { DomainError, ErrorKind } from '../platform/errors/domain.error';

export enum IngestErrorCode {
  PackageTooLarge = 'PACKAGE_TOO_LARGE',
  UnsupportedMediaType = 'UNSUPPORTED_MEDIA_TYPE',
  EmptyUpload = 'EMPTY_UPLOAD',
}

export const packageTooLarge = (limit: number) =>
  new DomainError(IngestErrorCode.PackageTooLarge, ErrorKind.TooLarge, `The package is larger than the limit of ${limit} bytes`);
export const unsupportedMediaType = () =>
  new DomainError(IngestErrorCode.UnsupportedMediaType, ErrorKind.Invalid, 'Send the package as application/zip, application/x-tar or application/gzip');
export const emptyUpload = () => new DomainError(IngestErrorCode.EmptyUpload, ErrorKind.Invalid, 'The upload is empty');

export enum FormatPolicyErrorCode {
  NotFound = 'FORMAT_POLICY_NOT_FOUND',
  Invalid = 'FORMAT_POLICY_INVALID',
}

/** The information type is unknown or not switched on for the tenant (or the tenant is another's). */
export const formatPolicyNotFound = () =>
  new DomainError(FormatPolicyErrorCode.NotFound, ErrorKind.NotFound, 'No such information type for this region');
export const invalidFormatPolicy = (detail: string) => new DomainError(FormatPolicyErrorCode.Invalid, ErrorKind.Invalid, detail);
