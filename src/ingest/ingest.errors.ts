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

export enum DeliveryErrorCode {
  NotFound = 'DELIVERY_NOT_FOUND',
  IdempotencyConflict = 'IDEMPOTENCY_KEY_REUSED',
  InformationTypeNotEnabled = 'INFORMATION_TYPE_NOT_ENABLED',
  UploadExists = 'UPLOAD_ALREADY_CREATED',
  UploadLengthRequired = 'UPLOAD_LENGTH_REQUIRED',
  UploadSizeMismatch = 'UPLOAD_SIZE_MISMATCH',
  StagingQuotaExceeded = 'STAGING_QUOTA_EXCEEDED',
  ReceiptNotReady = 'RECEIPT_NOT_READY',
  InvalidChecksum = 'INVALID_CHECKSUM',
}

/** Unknown, or another tenant's: the same answer (no existence leak). */
export const deliveryNotFound = () => new DomainError(DeliveryErrorCode.NotFound, ErrorKind.NotFound, 'No such delivery');
export const idempotencyConflict = () =>
  new DomainError(DeliveryErrorCode.IdempotencyConflict, ErrorKind.Conflict, 'This Idempotency-Key was used for a delivery with other details; use a new key');
export const informationTypeNotEnabled = (id: string) =>
  new DomainError(DeliveryErrorCode.InformationTypeNotEnabled, ErrorKind.Invalid, `Information type "${id}" is not enabled for this region`, { informationType: id });
export const uploadExists = () =>
  new DomainError(DeliveryErrorCode.UploadExists, ErrorKind.Conflict, 'The upload of this delivery was already created; resume it with HEAD and PATCH on the same URL');
export const uploadLengthRequired = () =>
  new DomainError(DeliveryErrorCode.UploadLengthRequired, ErrorKind.Invalid, 'Announce the package size with Upload-Length (deferred lengths are not accepted)');
export const uploadSizeMismatch = (expected: number, announced: number) =>
  new DomainError(DeliveryErrorCode.UploadSizeMismatch, ErrorKind.Invalid, `Upload-Length ${announced} differs from the expected size ${expected} given when the delivery was created`);
export const stagingQuotaExceeded = (quota: number) =>
  new DomainError(DeliveryErrorCode.StagingQuotaExceeded, ErrorKind.TooLarge, `The region's unfinished deliveries would exceed its staging quota of ${quota} bytes; wait for them to finish`);
export const receiptNotReady = () =>
  new DomainError(DeliveryErrorCode.ReceiptNotReady, ErrorKind.Conflict, 'The delivery is still being processed; the receipt is issued when it is accepted or rejected');
export const invalidChecksum = () =>
  new DomainError(DeliveryErrorCode.InvalidChecksum, ErrorKind.Invalid, 'expectedChecksum must be "sha256:<64 hex>", "sha512:<128 hex>" or "md5:<32 hex>"');

export enum WebhookErrorCode {
  ApiClientOnly = 'WEBHOOK_API_CLIENT_ONLY',
  InvalidUrl = 'WEBHOOK_INVALID_URL',
  NotFound = 'WEBHOOK_NOT_FOUND',
}

export const webhookApiClientOnly = () =>
  new DomainError(WebhookErrorCode.ApiClientOnly, ErrorKind.Forbidden, 'Webhooks belong to API clients: call with the API client token that delivers');
export const webhookInvalidUrl = (reason: string) => new DomainError(WebhookErrorCode.InvalidUrl, ErrorKind.Invalid, `The webhook URL ${reason}`);
export const webhookNotFound = () => new DomainError(WebhookErrorCode.NotFound, ErrorKind.NotFound, 'This API client has no webhook');
