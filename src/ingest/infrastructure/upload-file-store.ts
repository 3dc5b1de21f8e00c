import { FileStore } from '@tus/file-store';
import { createHash, Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pipeline, Readable, Transform } from 'node:stream';

/** Uploads hashed in this process at once; beyond it the oldest unfinished one is given up on. */
const MAX_RUNNING = 1000;

/**
 * The tus file store, taking the SHA-256 of each upload while its bytes arrive, so that unpacking
 * need not read the package once more just for its checksum. A digest is only known for an upload
 * whose every byte, from offset 0, went through this process in order: a PATCH that resumes at
 * another offset than the one hashed so far (after an interruption that lost bytes, a restart, or
 * another API process) leaves it unknown, and unpacking hashes the file itself.
 */
export class HashingFileStore extends FileStore {
  private readonly running = new Map<string, { hash: Hash; offset: number }>();

  override async write(readable: IncomingMessage | Readable, id: string, offset: number): Promise<number> {
    const state = offset === 0 ? { hash: createHash('sha256'), offset: 0 } : this.running.get(id);
    this.running.delete(id);
    if (!state || state.offset !== offset) return super.write(readable, id, offset);
    let seen = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        state.hash.update(chunk);
        seen += chunk.length;
        done(null, chunk);
      },
    });
    // Errors of the request reach the write through the tap; a failed write forgets the hash.
    const end = await super.write(pipeline(readable, tap, () => undefined), id, offset);
    if (end === offset + seen) this.keep(id, { hash: state.hash, offset: end });
    return end;
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
