import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Positional reads that count every byte, so tests and the benchmark can check bounds. */
export interface RandomAccessSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Buffer>;
  readonly bytesRead: number;
}

/**
 * Reads with synchronous positional calls: every read is small and bounded (the signature
 * windows), and for the many small files of a delivery four thread-pool round trips per file
 * (open, stat, read, close) cost more than the reads themselves.
 */
export class FileSource implements RandomAccessSource {
  bytesRead = 0;

  private constructor(
    private readonly fd: number,
    readonly size: number,
  ) {}

  static async open(path: string): Promise<FileSource> {
    // Non-blocking, so a FIFO or device given by mistake is refused instead of hanging.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new Error(`${path} is not a regular file`);
      return new FileSource(fd, st.size);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
  }

  async read(offset: number, length: number): Promise<Buffer> {
    const len = Math.max(0, Math.min(length, this.size - offset));
    const buf = Buffer.allocUnsafe(len);
    let done = 0;
    while (done < len) {
      const n = readSync(this.fd, buf, done, len - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    this.bytesRead += done;
    return done === len ? buf : buf.subarray(0, done);
  }

  async close(): Promise<void> {
    closeSync(this.fd);
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
