import { FileHandle, open } from 'node:fs/promises';

/** Positional reads that count every byte, so tests and the benchmark can check bounds. */
export interface RandomAccessSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
  readonly bytesRead: number;
}

export class FileSource implements RandomAccessSource {
  bytesRead = 0;

  private constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    const handle = await open(path, 'r');
    try {
      const stat = await handle.stat();
      return new FileSource(handle, stat.size);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    const buf = Buffer.allocUnsafe(len);
    let done = 0;
    while (done < len) {
      const { bytesRead } = await this.handle.read(buf, done, len - done, offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    this.bytesRead += done;
    return done === len ? buf : buf.subarray(0, done);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/**
 * For callers that already hold the first and last bytes of a file (ingest hashes in one pass):
 * reads inside those buffers are served, anything else fails, which container readers treat as
 * "cannot tell".
 */
export class PrefixSuffixSource implements RandomAccessSource {
  bytesRead = 0;

  constructor(
    private readonly prefix: Buffer,
    private readonly suffix: Buffer,
    readonly size: number,
  ) {}

  /** The whole file when prefix and suffix cover it, else the two ends as they are. */
  window(): { bof: Buffer; eof: Buffer } {
    const whole = this.whole();
    return whole ? { bof: whole, eof: whole } : { bof: this.prefix, eof: this.suffix };
  }

  private whole(): Buffer | undefined {
    if (this.prefix.length >= this.size) return this.prefix.subarray(0, this.size);
    if (this.suffix.length >= this.size) return this.suffix.subarray(this.suffix.length - this.size);
    if (this.prefix.length + this.suffix.length < this.size) return undefined;
    return Buffer.concat([this.prefix, this.suffix.subarray(this.prefix.length + this.suffix.length - this.size)]);
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    const whole = this.whole();
    if (whole) return this.count(whole.subarray(offset, offset + len));
    if (offset + len <= this.prefix.length) return this.count(this.prefix.subarray(offset, offset + len));
    const suffixStart = this.size - this.suffix.length;
    if (offset >= suffixStart) return this.count(this.suffix.subarray(offset - suffixStart, offset - suffixStart + len));
    throw new Error(`bytes ${offset}..${offset + len} are outside the given prefix and suffix`);
  }

  private count(buf: Buffer): Buffer {
    this.bytesRead += buf.length;
    return buf;
  }
}
