import { constants, createInflateRaw, inflateRawSync } from 'node:zlib';
import { RandomAccessSource } from '../identify/random-access-source';
import { ContainerEntries } from './container-entries';

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
/** EOCD record (22) plus the longest possible comment. */
const EOCD_SEARCH = 22 + 0xffff;

interface ZipEntry {
  method: number;
  compressedSize: number;
  localHeaderOffset: number;
}

/**
 * Reads a ZIP's central directory from the end of the file and then only the entries asked
 * for, so a large archive costs a few small reads.
 */
export class ZipContainerReader implements ContainerEntries {
  private constructor(
    private readonly source: RandomAccessSource,
    private readonly entries: Map<string, ZipEntry>,
  ) {}

  static async open(source: RandomAccessSource, maxDirectoryBytes: number): Promise<ZipContainerReader> {
    const tailLen = Math.min(source.size, EOCD_SEARCH);
    const tail = await source.read(source.size - tailLen, tailLen);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i--) {
      if (tail.readUInt32LE(i) === EOCD_SIG) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw new Error('no ZIP end of central directory record');
    let count = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    if ((cdOffset === 0xffffffff || count === 0xffff) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIG) {
      const z64 = await source.read(Number(tail.readBigUInt64LE(eocd - 20 + 8)), 56);
      count = Number(z64.readBigUInt64LE(32));
      cdSize = Number(z64.readBigUInt64LE(40));
      cdOffset = Number(z64.readBigUInt64LE(48));
    }
    if (cdSize > maxDirectoryBytes) throw new Error(`ZIP central directory of ${cdSize} bytes exceeds the read limit`);
    const cd = await source.read(cdOffset, cdSize);
    return new ZipContainerReader(source, parseCentralDirectory(cd, count));
  }

  has(path: string): boolean {
    if (this.entries.has(path)) return true;
    // A container signature may name a folder; ZIPs often hold only its files.
    if (path.endsWith('/')) for (const name of this.entries.keys()) if (name.startsWith(path)) return true;
    return false;
  }

  async read(path: string, maxBytes: number): Promise<Buffer> {
    const entry = this.entries.get(path);
    if (!entry) throw new Error(`no ZIP entry ${path}`);
    const header = await this.source.read(entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL_SIG) throw new Error(`bad local header for ${path}`);
    const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    const raw = await this.source.read(dataStart, Math.min(entry.compressedSize, maxBytes));
    if (entry.method === 0) return raw;
    if (entry.method !== 8) throw new Error(`unsupported ZIP compression method ${entry.method}`);
    return inflateBounded(raw, maxBytes);
  }
}

function parseCentralDirectory(cd: Buffer, count: number): Map<string, ZipEntry> {
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let n = 0; n < count && p + 46 <= cd.length; n++) {
    if (cd.readUInt32LE(p) !== CENTRAL_SIG) break;
    const method = cd.readUInt16LE(p + 10);
    let compressedSize = cd.readUInt32LE(p + 20);
    const uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    let localHeaderOffset = cd.readUInt32LE(p + 42);
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen);
    // Zip64 extra field: present values appear in a fixed order, only for fields that overflowed.
    let x = p + 46 + nameLen;
    const xEnd = x + extraLen;
    while (x + 4 <= xEnd) {
      const id = cd.readUInt16LE(x);
      const len = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        if (uncompressedSize === 0xffffffff) q += 8;
        if (compressedSize === 0xffffffff) {
          compressedSize = Number(cd.readBigUInt64LE(q));
          q += 8;
        }
        if (localHeaderOffset === 0xffffffff) localHeaderOffset = Number(cd.readBigUInt64LE(q));
      }
      x += 4 + len;
    }
    entries.set(name, { method, compressedSize, localHeaderOffset });
    p = xEnd + commentLen;
  }
  return entries;
}

/**
 * Inflates at most `maxBytes`, stopping the inflater as soon as that much came out, since only
 * the start of an entry matters. SYNC_FLUSH tolerates a stream cut at the read limit.
 */
function inflateBounded(raw: Buffer, maxBytes: number): Promise<Buffer> {
  try {
    // The one-shot call is far cheaper than a stream and suffices unless the output overflows.
    return Promise.resolve(inflateRawSync(raw, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: maxBytes }));
  } catch {
    // Output over the limit, or a stream cut short: the streaming path keeps what it gets.
    return inflateStreaming(raw, maxBytes);
  }
}

function inflateStreaming(raw: Buffer, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ finishFlush: constants.Z_SYNC_FLUSH });
    const parts: Buffer[] = [];
    let got = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      inflater.destroy();
      resolve(Buffer.concat(parts).subarray(0, maxBytes));
    };
    inflater.on('data', (chunk: Buffer) => {
      parts.push(chunk);
      got += chunk.length;
      if (got >= maxBytes) finish();
    });
    inflater.on('end', finish);
    inflater.on('error', (e) => {
      if (got > 0) finish();
      else if (!settled) {
        settled = true;
        reject(e);
      }
    });
    inflater.end(raw);
  });
}
