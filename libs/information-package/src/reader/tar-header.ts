/** TAR headers and the extensions that replace their fields: POSIX ustar, GNU long names, pax. */

export const TAR_BLOCK = 512;

export type TarType =
  | 'file'
  | 'link'
  | 'symlink'
  | 'character-device'
  | 'block-device'
  | 'directory'
  | 'fifo'
  | 'contiguous-file'
  | 'pax-header'
  | 'pax-global-header'
  | 'gnu-long-path'
  | 'gnu-long-link-path';

export interface TarHeader {
  name: string;
  /** Null for a type flag nobody defined (read as a regular file, as tar-stream does). */
  type: TarType | null;
  size: number;
  linkname: string | null;
}

const TYPES: Record<string, TarType> = {
  '\0': 'file',
  '0': 'file',
  '1': 'link',
  '2': 'symlink',
  '3': 'character-device',
  '4': 'block-device',
  '5': 'directory',
  '6': 'fifo',
  '7': 'contiguous-file',
  x: 'pax-header',
  g: 'pax-global-header',
  L: 'gnu-long-path',
  N: 'gnu-long-path',
  K: 'gnu-long-link-path',
};

const USTAR = Buffer.from('ustar\0', 'latin1');
const GNU = Buffer.from('ustar ', 'latin1');

/**
 * Decodes one header block: null for an all-zero block (the end of the archive); throws for a
 * wrong checksum or a format that is neither ustar nor GNU.
 */
export function decodeTarHeader(block: Buffer): TarHeader | null {
  let sum = 8 * 0x20;
  for (let i = 0; i < TAR_BLOCK; i++) if (i < 148 || i >= 156) sum += block[i];
  if (sum === 8 * 0x20) return null;
  if (sum !== decodeNumber(block, 148, 8)) throw new Error('invalid header checksum (corrupt, or gzip-compressed?)');
  const magic = block.subarray(257, 263);
  const ustar = magic.equals(USTAR);
  if (!ustar && !magic.equals(GNU)) throw new Error('invalid header: neither ustar nor GNU format');
  let name = decodeString(block, 0, 100);
  if (ustar && block[345] !== 0) name = `${decodeString(block, 345, 155)}/${name}`;
  let type: TarType | null = TYPES[String.fromCharCode(block[156])] ?? null;
  // Old tars mark folders by a trailing slash only.
  if (type === 'file' && name.endsWith('/')) type = 'directory';
  return { name, type, size: decodeNumber(block, 124, 12), linkname: block[157] === 0 ? null : decodeString(block, 157, 100) };
}

/** pax extended header records ("<length> <key>=<value>\n"), as far as they are well-formed. */
export function decodePaxRecords(data: Buffer): Record<string, string> {
  const records: Record<string, string> = {};
  for (let at = 0; at < data.length; ) {
    const space = data.indexOf(0x20, at);
    const length = space < 0 ? NaN : Number(data.toString('latin1', at, space));
    if (!(length > 0) || at + length > data.length) break;
    const record = data.toString('utf8', space + 1, at + length - 1);
    const eq = record.indexOf('=');
    if (eq < 0) break;
    records[record.slice(0, eq)] = record.slice(eq + 1);
    at += length;
  }
  return records;
}

/** A GNU long name: the entry's data up to the first NUL. */
export function decodeLongName(data: Buffer): string {
  return decodeString(data, 0, data.length);
}

function decodeString(buf: Buffer, offset: number, length: number): string {
  const end = buf.indexOf(0, offset);
  return buf.toString('utf8', offset, end < 0 || end > offset + length ? offset + length : end);
}

/** Octal text (leading spaces or NULs, ended by a space or NUL), or GNU base-256 when the high bit is set. */
function decodeNumber(buf: Buffer, offset: number, length: number): number {
  const field = buf.subarray(offset, offset + length);
  if (field[0] & 0x80) {
    const negative = field[0] === 0xff;
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + (negative ? 0xff - field[i] : field[i]);
    return negative ? -value - 1 : value;
  }
  let i = 0;
  while (i < field.length && (field[i] === 0x20 || field[i] === 0)) i++;
  let end = i;
  while (end < field.length && field[end] !== 0x20 && field[end] !== 0) end++;
  return end === i ? 0 : parseInt(field.toString('latin1', i, end), 8);
}
