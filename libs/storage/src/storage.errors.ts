export enum StorageErrorCode {
  NotFound = 'STORAGE_NOT_FOUND',
  AlreadyExists = 'STORAGE_ALREADY_EXISTS',
  InvalidId = 'STORAGE_INVALID_ID',
  InvalidPath = 'STORAGE_INVALID_PATH',
  DigestMismatch = 'STORAGE_DIGEST_MISMATCH',
  NotAStorageRoot = 'STORAGE_NOT_A_STORAGE_ROOT',
  Corrupt = 'STORAGE_CORRUPT',
}

/** Messages name object ids and logical paths only, never file content. */
export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
  }
}

export function notFound(what: string): StorageError {
  return new StorageError(StorageErrorCode.NotFound, `${what} not found`);
}
