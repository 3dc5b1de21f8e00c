import { execFile } from 'node:child_process';
import { closeSync, fsyncSync, openSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/**
 * Above this many files one syncfs(2) (coreutils `sync -f`) is cheaper than an fsync per file:
 * per-file fsync runs at ≈3.5k files/s on these machines, syncfs flushes the whole batch at once.
 */
export const SYNCFS_THRESHOLD = 32;

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a batch of written files and their directories durable. */
export async function syncBatch(files: string[], dirs: Iterable<string>): Promise<void> {
  if (files.length > SYNCFS_THRESHOLD) {
    await execFileAsync('sync', ['-f', files[0]]);
    return;
  }
  for (const f of files) fsyncPath(f);
  for (const d of dirs) fsyncPath(d);
}

/**
 * Sends a file's written bytes to disk every `everyBytes` while it is still being written, one
 * fdatasync at a time on the thread pool: the disk then works while the writer goes on, and
 * whoever makes the file durable at the end finds little left to write.
 */
export class BackgroundFlush {
  private unflushed = 0;
  private running: Promise<void> | undefined;
  private failed: unknown;

  constructor(
    private readonly file: FileHandle | Promise<FileHandle>,
    private readonly everyBytes: number,
  ) {}

  wrote(bytes: number): void {
    this.unflushed += bytes;
    if (this.running || this.unflushed < this.everyBytes) return;
    this.unflushed = 0;
    this.running = Promise.resolve(this.file)
      .then((f) => f.datasync())
      .catch((e: unknown) => void (this.failed ??= e))
      .finally(() => (this.running = undefined));
  }

  /** Waits for the flush under way; throws the first that failed. */
  async settle(): Promise<void> {
    await this.running;
    if (this.failed) throw this.failed;
  }
}
