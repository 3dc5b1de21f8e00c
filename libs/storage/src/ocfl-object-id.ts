import { StorageError, StorageErrorCode } from './storage.errors';

const ID_PATTERN = /^urn:samarkiv:([a-z0-9][a-z0-9-]{0,62}):([a-z][a-z0-9-]{0,30}):([A-Za-z0-9][A-Za-z0-9._-]{0,127})$/;

export interface ParsedObjectId {
  tenantId: string;
  kind: string;
  localId: string;
}

/** Object ids carry the tenant so that two tenants can never share an object path. */
export function objectId(tenantId: string, kind: string, localId: string): string {
  const id = `urn:samarkiv:${tenantId}:${kind}:${localId}`;
  parseObjectId(id);
  return id;
}

export function parseObjectId(id: string): ParsedObjectId {
  const m = ID_PATTERN.exec(id);
  if (!m) throw new StorageError(StorageErrorCode.InvalidId, 'object id must look like urn:samarkiv:<tenant>:<kind>:<id>');
  return { tenantId: m[1], kind: m[2], localId: m[3] };
}

export function tenantOf(id: string): string {
  return parseObjectId(id).tenantId;
}
