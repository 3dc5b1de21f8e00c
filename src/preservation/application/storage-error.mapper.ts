import { StorageError, StorageErrorCode } from '@samarkiv/storage';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { copyFailed, fileNotFound, invalidObjectId } from '../preservation.errors';

/**
 * Library errors at the module's edge: bad input from the caller becomes "invalid", trouble in a
 * location becomes a failed copy. Messages name object ids and locations only.
 */
export function mapStorageError(e: unknown, objectId: string, location: string): unknown {
  if (!(e instanceof StorageError)) return e;
  switch (e.code) {
    case StorageErrorCode.InvalidId:
      return invalidObjectId();
    case StorageErrorCode.InvalidPath:
      return new DomainError('PRESERVATION_INVALID_FILE', ErrorKind.Invalid, e.message);
    case StorageErrorCode.NotFound:
      return fileNotFound();
    default:
      return copyFailed(objectId, location, e.message);
  }
}
