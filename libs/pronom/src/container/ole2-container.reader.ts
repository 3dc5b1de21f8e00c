import { RandomAccessSource } from '../identify/random-access-source';
import { ContainerEntries } from './container-entries';

const OLE2_MAGIC = Buffer.from('D0CF11E0A1B11AE1', 'hex');
const END_OF_CHAIN = 0xfffffffe;
const FREE_SECT = 0xffffffff;
const NO_STREAM = 0xffffffff;

interface DirEntry {
  name: string;
  type: number;
  left: number;
  right: number;
  child: number;
  start: number;
  size: number;
}

/**
 * A bounded OLE2 (Compound File Binary) reader: the header, the FAT sectors a chain touches,
 * the directory, and the first bytes of the streams asked for — never the whole file.
 */
export class Ole2ContainerReader implements ContainerEntries {
  private readonly fatCache = new Map<number, Buffer>();
  private readonly streams = new Map<string, DirEntry>();
  private difat: number[] = [];
  private readonly sectorSize: number;
  private readonly miniSectorSize: number;
  private readonly miniCutoff: number;
  private root: DirEntry | undefined;
  private miniStreamChain: number[] | undefined;

  private constructor(
    private readonly source: RandomAccessSource,
    private readonly header: Buffer,
    private readonly maxBytes: number,
  ) {
    this.sectorSize = 1 << header.readUInt16LE(0x1e);
    this.miniSectorSize = 1 << header.readUInt16LE(0x20);
    this.miniCutoff = header.readUInt32LE(0x38);
  }

  static async open(source: RandomAccessSource, maxBytes: number): Promise<Ole2ContainerReader> {
    const header = await source.read(0, 512);
    if (header.length < 512 || !header.subarray(0, 8).equals(OLE2_MAGIC)) throw new Error('not an OLE2 compound file');
    const reader = new Ole2ContainerReader(source, header, maxBytes);
    await reader.loadDifat();
    await reader.loadDirectory();
    return reader;
  }

  has(path: string): boolean {
    return this.streams.has(path);
  }

  async read(path: string, maxBytes: number): Promise<Buffer> {
    const entry = this.streams.get(path);
    if (!entry) throw new Error(`no OLE2 stream ${path}`);
    const want = Math.min(entry.size, maxBytes);
    if (entry.size < this.miniCutoff) return this.readMini(entry.start, want);
    return this.readChain(entry.start, want, this.sectorSize, (s) => this.sectorOffset(s), (s) => this.nextSector(s));
  }

  private sectorOffset(sector: number): number {
    return (sector + 1) * this.sectorSize;
  }

  private async loadDifat(): Promise<void> {
    const fatSectors = this.header.readUInt32LE(0x2c);
    for (let i = 0; i < 109 && this.difat.length < fatSectors; i++) this.difat.push(this.header.readUInt32LE(0x4c + i * 4));
    let next = this.header.readUInt32LE(0x44);
    const perSector = this.sectorSize / 4 - 1;
    let guard = 0;
    while (this.difat.length < fatSectors && next !== END_OF_CHAIN && next !== FREE_SECT && guard++ < 1 << 16) {
      const sector = await this.source.read(this.sectorOffset(next), this.sectorSize);
      for (let i = 0; i < perSector && this.difat.length < fatSectors; i++) this.difat.push(sector.readUInt32LE(i * 4));
      next = sector.readUInt32LE(perSector * 4);
    }
  }

  private async nextSector(sector: number): Promise<number> {
    const perSector = this.sectorSize / 4;
    const fatIndex = Math.floor(sector / perSector);
    let fat = this.fatCache.get(fatIndex);
    if (!fat) {
      const fatSector = this.difat[fatIndex];
      if (fatSector === undefined) return END_OF_CHAIN;
      fat = await this.source.read(this.sectorOffset(fatSector), this.sectorSize);
      this.fatCache.set(fatIndex, fat);
    }
    const at = (sector % perSector) * 4;
    return at + 4 <= fat.length ? fat.readUInt32LE(at) : END_OF_CHAIN;
  }

  /** Reads `want` bytes along a sector chain; the loop guard stops cyclic chains. */
  private async readChain(
    start: number,
    want: number,
    unit: number,
    offsetOf: (s: number) => number,
    next: (s: number) => Promise<number>,
  ): Promise<Buffer> {
    const parts: Buffer[] = [];
    let got = 0;
    let sector = start;
    const maxSteps = Math.ceil(want / unit) + 1;
    for (let step = 0; got < want && sector < END_OF_CHAIN - 4 && step < maxSteps; step++) {
      const part = await this.source.read(offsetOf(sector), Math.min(unit, want - got));
      parts.push(part);
      got += part.length;
      sector = await next(sector);
    }
    return Buffer.concat(parts);
  }

  private async loadDirectory(): Promise<void> {
    const dir = await this.readChain(this.header.readUInt32LE(0x30), this.maxBytes, this.sectorSize, (s) => this.sectorOffset(s), (s) =>
      this.nextSector(s),
    );
    const entries: DirEntry[] = [];
    for (let p = 0; p + 128 <= dir.length; p += 128) {
      const nameLen = Math.max(0, Math.min(64, dir.readUInt16LE(p + 0x40)) - 2);
      entries.push({
        // DROID names streams without their leading control characters (\x01CompObj → CompObj).
        name: dir.toString('utf16le', p, p + nameLen).replace(/^[\x00-\x1f]+/, ''),
        type: dir[p + 0x42],
        left: dir.readUInt32LE(p + 0x44),
        right: dir.readUInt32LE(p + 0x48),
        child: dir.readUInt32LE(p + 0x4c),
        start: dir.readUInt32LE(p + 0x74),
        size: dir.readUInt32LE(p + 0x78),
      });
    }
    this.root = entries[0];
    if (!this.root || this.root.type !== 5) throw new Error('OLE2 directory has no root entry');
    const seen = new Set<number>();
    const walk = (index: number, prefix: string): void => {
      if (index === NO_STREAM || index >= entries.length || seen.has(index)) return;
      seen.add(index);
      const e = entries[index];
      const path = prefix + e.name;
      this.streams.set(path, e);
      walk(e.left, prefix);
      walk(e.right, prefix);
      if (e.type === 1) walk(e.child, `${path}/`);
    };
    walk(this.root.child, '');
  }

  private async readMini(start: number, want: number): Promise<Buffer> {
    const root = this.root as DirEntry;
    if (!this.miniStreamChain) {
      const sectors: number[] = [];
      const limit = Math.ceil(root.size / this.sectorSize) + 1;
      for (let s = root.start; s < END_OF_CHAIN - 4 && sectors.length < limit; s = await this.nextSector(s)) sectors.push(s);
      this.miniStreamChain = sectors;
    }
    const chain = this.miniStreamChain;
    const miniOffset = (mini: number) => {
      const byteOffset = mini * this.miniSectorSize;
      const sector = chain[Math.floor(byteOffset / this.sectorSize)];
      return sector === undefined ? Number.MAX_SAFE_INTEGER : this.sectorOffset(sector) + (byteOffset % this.sectorSize);
    };
    return this.readChain(start, want, this.miniSectorSize, miniOffset, (s) => this.nextMiniSector(s));
  }

  private async nextMiniSector(mini: number): Promise<number> {
    const perSector = this.sectorSize / 4;
    let sector = this.header.readUInt32LE(0x3c);
    for (let i = Math.floor(mini / perSector); i > 0 && sector < END_OF_CHAIN - 4; i--) sector = await this.nextSector(sector);
    if (sector >= END_OF_CHAIN - 4) return END_OF_CHAIN;
    const buf = await this.source.read(this.sectorOffset(sector) + (mini % perSector) * 4, 4);
    return buf.length === 4 ? buf.readUInt32LE(0) : END_OF_CHAIN;
  }
}
