import { mkdirSync } from 'node:fs';
import { DigestAlgorithm, FixityResult, ThreadedHasher } from '@samarkiv/fixity';
import { ReadLimits } from './read-limits';

export interface ExtractOptions {
  /** Algorithms computed while each file is written (the one read of its bytes); none: no hashing. */
  digests?: readonly DigestAlgorithm[];
  /** Start writing large entries to disk while they are extracted (see entry-writer). */
  flushLargeFiles?: boolean;
  /**
   * Sees the bytes of each small file (those held in memory whole) once it is written, e.g. to
   * identify its format without reading it again; extraction waits for the returned promise.
   * The bytes are valid only until then (a reader may reuse its buffer): copy what is kept.
   */
  onSmallFile?: (path: string, data: Buffer) => void | Promise<void>;
}

/** Tracks extracted entries so duplicates, file/folder clashes and size limits are caught while streaming. */
export class EntryRegistry {
  private readonly files = new Set<string>();
  private readonly dirs = new Set<string>();
  private totalBytes = 0;
  private entries = 0;

  /** Digests of each extracted file (entry path → result), when the caller asked for them. */
  readonly digests = new Map<string, FixityResult>();
  readonly digestAlgorithms: readonly DigestAlgorithm[];
  readonly flushLargeFiles: boolean;
  readonly onSmallFile: ExtractOptions['onSmallFile'];
  private readonly madeDirs = new Set<string>();
  private hasher: ThreadedHasher | undefined;

  constructor(
    private readonly limits: ReadLimits,
    options: ExtractOptions = {},
  ) {
    this.digestAlgorithms = options.digests ?? [];
    this.flushLargeFiles = options.flushLargeFiles ?? false;
    this.onSmallFile = options.onSmallFile;
  }

  /** Threads that hash large entries, one per algorithm: started for the first, reused for the rest. */
  largeFileHasher(): ThreadedHasher {
    this.hasher ??= new ThreadedHasher(this.digestAlgorithms);
    return this.hasher;
  }

  /** Stops the hashing threads, if any were started. */
  async close(): Promise<void> {
    await this.hasher?.close();
    this.hasher = undefined;
  }

  /** Returns a reason when the entry must be refused. */
  register(path: string, isDir: boolean): string | undefined {
    this.entries += 1;
    if (this.entries > this.limits.maxEntries) return `more than ${this.limits.maxEntries} entries`;
    if (isDir) {
      if (this.files.has(path)) return `"${path}" is both a file and a folder`;
      if (this.dirs.has(path)) return `duplicate folder entry "${path}"`;
      this.dirs.add(path);
      return undefined;
    }
    if (this.files.has(path)) return `duplicate entry "${path}"`;
    if (this.dirs.has(path)) return `"${path}" is both a file and a folder`;
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const parent = parts.slice(0, i).join('/');
      if (this.files.has(parent)) return `"${parent}" is both a file and a folder`;
      this.dirs.add(parent);
    }
    this.files.add(path);
    return undefined;
  }

  /** Counts uncompressed bytes as they are written; returns a reason once the total limit is crossed. */
  addBytes(n: number): string | undefined {
    this.totalBytes += n;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      return `uncompressed content exceeds the limit of ${this.limits.maxTotalBytes} bytes`;
    }
    return undefined;
  }

  /** Creates a folder (and its parents) once per extraction, synchronously. */
  ensureDir(dir: string): void {
    if (this.madeDirs.has(dir)) return;
    mkdirSync(dir, { recursive: true });
    this.madeDirs.add(dir);
  }

  get bytes(): number {
    return this.totalBytes;
  }

  topLevelNames(): string[] {
    const top = new Set<string>();
    for (const p of [...this.files, ...this.dirs]) top.add(p.split('/')[0]);
    return [...top];
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }
}
