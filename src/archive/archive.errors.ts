import { DomainError, ErrorKind, NotFoundError } from '../platform/errors/domain.error';

export enum ArchiveErrorCode {
  AipNotFound = 'AIP_NOT_FOUND',
  AipVersionConflict = 'AIP_VERSION_CONFLICT',
}

export const aipNotFound = () => new NotFoundError(ArchiveErrorCode.AipNotFound, 'No such AIP');
export const aipVersionConflict = () =>
  new DomainError(ArchiveErrorCode.AipVersionConflict, ErrorKind.Conflict, 'Another AIP with this SIP OBJID and version was registered at the same time');
