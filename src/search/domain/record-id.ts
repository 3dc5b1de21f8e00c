import { createHash } from 'node:crypto';

/**
 * The record's id in the archive: a name-based UUID (version 5 layout over SHA-1) of tenant, AIP and
 * the record's id in its delivery, so reindexing an AIP gives every record the same id again.
 */
export function archiveRecordId(tenantId: string, aipId: string, sourceRecordId: string): string {
  const h = createHash('sha1').update(`samarkiv:record\0${tenantId}\0${aipId}\0${sourceRecordId}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
