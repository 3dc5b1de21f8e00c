import { lookup } from 'mime-types';

/** IANA media type by file extension (CSIP68); unknown extensions are declared as plain octets. */
export function mediaTypeOf(path: string): string {
  const type = lookup(path);
  return type === false ? 'application/octet-stream' : type;
}
