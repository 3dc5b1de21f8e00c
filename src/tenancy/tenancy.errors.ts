import { DomainError, ErrorKind, NotFoundError } from '../platform/errors/domain.error';

export enum TenancyErrorCode {
  TenantNotFound = 'TENANT_NOT_FOUND',
  TenantExists = 'TENANT_EXISTS',
  UserNotFound = 'USER_NOT_FOUND',
  GroupNotFound = 'GROUP_NOT_FOUND',
  InvalidGrant = 'INVALID_GRANT',
  GrantNotFound = 'GRANT_NOT_FOUND',
  InvalidGroup = 'INVALID_GROUP',
  UnknownInformationType = 'UNKNOWN_INFORMATION_TYPE',
  InvalidInformationTypeFile = 'INVALID_INFORMATION_TYPE_FILE',
}

export const tenantNotFound = () => new NotFoundError(TenancyErrorCode.TenantNotFound, 'Tenant not found');
export const userNotFound = () => new NotFoundError(TenancyErrorCode.UserNotFound, 'User not found');
export const groupNotFound = () => new NotFoundError(TenancyErrorCode.GroupNotFound, 'Group not found');
export const tenantExists = (id: string) => new DomainError(TenancyErrorCode.TenantExists, ErrorKind.Conflict, `Tenant ${id} already exists`);
export const grantNotFound = () => new NotFoundError(TenancyErrorCode.GrantNotFound, 'Grant not found');
export const invalidGroup = (why: string) => new DomainError(TenancyErrorCode.InvalidGroup, ErrorKind.Invalid, `Invalid group: ${why}`);
export const invalidGrant = (why: string) => new DomainError(TenancyErrorCode.InvalidGrant, ErrorKind.Invalid, `Invalid grant: ${why}`);
export const unknownInformationType = (id: string) =>
  new DomainError(TenancyErrorCode.UnknownInformationType, ErrorKind.Invalid, `Unknown information type "${id}"`);
