import { FileStore } from '@tus/file-store';
import { createHash, Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { BackgroundFlush } from '@samarkiv/storage';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { pipeline, Readable, Transform } from 'node:stream';

/** Uploads hashed in this process at once; beyond it the oldest unfinished one is given up on. */
const MAX_RUNNING = 1000;
/** An upload's received bytes are sent to disk every so many bytes. */
const FLUSH_EVERY_BYTES = 64 * 1024 * 1024;

/**
 * The tus file store, doing two things while an upload's bytes arrive that would otherwise wait
 * for the pipeline:
 *
 * - It takes the upload's SHA-256, so that unpacking need not read the package once more for its
 *   checksum. A digest is only known for an upload whose every byte, from offset 0, went through
 *   this process in order: a PATCH that resumes at another offset than the one hashed so far
 *   (after an interruption that lost bytes, a restart, or another API process) leaves it unknown,
 *   and unpacking hashes the file itself.
 * - It sends the received bytes to disk every FLUSH_EVERY_BYTES (one fdatasync at a time), so a
 *   large upload does not leave gigabytes of dirty pages that the kernel would write back while
 *   the pipeline unpacks (and throttle its writes on).
 */
export class UploadFileStore extends FileStore {
  private readonly running = new Map<string, { hash: Hash; offset: number }>();

  override async write(readable: IncomingMessage | Readable, id: string, offset: number): Promise<number> {
    const previous = offset === 0 ? { hash: createHash('sha256'), offset: 0 } : this.running.get(id);
    this.running.delete(id);
    const hash = previous?.offset === offset ? previous.hash : undefined;
    const file = open(join(this.directory, id), 'r');
    file.catch(() => undefined);
    const flush = new BackgroundFlush(file, FLUSH_EVERY_BYTES);
    let seen = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash?.update(chunk);
        seen += chunk.length;
        flush.wrote(chunk.length);
        done(null, chunk);
      },
    });
    try {
      // Errors of the request reach the write through the tap; a failed write forgets the hash.
      const end = await super.write(pipeline(readable, tap, () => undefined), id, offset);
      if (hash && end === offset + seen) this.keep(id, { hash, offset: end });
      return end;
    } finally {
      // Best effort: durability of staging is not what the flushing is for, so its failure is no error.
      await flush.settle().catch(() => undefined);
      await file.then((f) => f.close()).catch(() => undefined);
    }
  }

  override async remove(id: string): Promise<void> {
    this.running.delete(id);
    return super.remove(id);
  }

  /** The SHA-256 of a finished upload of `size` bytes, when this process saw all of them; asked once. */
  takeDigest(id: string, size: number): string | undefined {
    const state = this.running.get(id);
    this.running.delete(id);
    return state?.offset === size ? state.hash.digest('hex') : undefined;
  }

  private keep(id: string, state: { hash: Hash; offset: number }): void {
    if (this.running.size >= MAX_RUNNING) this.running.delete(this.running.keys().next().value as string);
    this.running.set(id, state);
  }
}
