import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { IdentifierOptions } from './format-identifier';
import { Identification } from './identification';

/** Whole files sent to the thread at once (their bytes in one transferred buffer). */
export interface IdentifyBatch {
  id: number;
  names: string[];
  sizes: number[];
  data: ArrayBuffer;
}

export type IdentifyBatchResult = { id: number; results: Identification[]; signatures: string } | { id: number; error: string };

/** What a ThreadedIdentifier found: by name, with the signature file version it used. */
export interface ThreadedIdentifications {
  signatures: string;
  byName: Map<string, Identification>;
}

const WORKER_FILE = join(__dirname, 'identify-batch.worker.js');
const BATCH_BYTES = 4 * 1024 * 1024;
const BATCH_FILES = 512;
/** Batches sent and not yet answered (at most 64 MiB of files); beyond them the thread is behind and files are left out. */
const MAX_PENDING = 16;

/**
 * Identifies whole files whose bytes a caller holds anyway (e.g. while unpacking a package), on a
 * worker thread, so that identification runs on another core alongside the caller's work and no
 * file is read again for it. Files are copied into batches. The caller never waits for the
 * thread: on a machine too busy for it to keep up (MAX_PENDING batches behind), further files are
 * left out, and the caller identifies those itself later.
 */
export class ThreadedIdentifier {
  private buffer = Buffer.alloc(0);
  private used = 0;
  private names: string[] = [];
  private sizes: number[] = [];
  private readonly pending = new Map<number, { resolve: (r: Identification[]) => void; reject: (e: Error) => void }>();
  private readonly answers: Array<Promise<Identification[]>> = [];
  private readonly batchNames: string[][] = [];
  private signatures = '';
  private failed: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (m: IdentifyBatchResult) => {
      const waiting = this.pending.get(m.id);
      this.pending.delete(m.id);
      if ('error' in m) waiting?.reject(new Error(`format identification failed: ${m.error}`));
      else {
        this.signatures = m.signatures;
        waiting?.resolve(m.results);
      }
    });
    worker.on('error', (e) => {
      this.failed ??= e;
      for (const waiting of this.pending.values()) waiting.reject(e);
      this.pending.clear();
    });
  }

  /**
   * A thread identifying with these options, or undefined where the compiled worker is not there
   * (the TypeScript sources run by jest): the caller then identifies later, as without one.
   * `worker` lets tests run the TypeScript worker through a loader.
   */
  static start(options: IdentifierOptions, worker: { file: string; argv?: string[] } = { file: WORKER_FILE }): ThreadedIdentifier | undefined {
    if (!existsSync(worker.file)) return undefined;
    return new ThreadedIdentifier(new Worker(worker.file, { workerData: options, argv: worker.argv }));
  }

  /** Queues one whole file (copied into the next batch), unless the thread is too far behind. */
  add(name: string, data: Buffer): void {
    if (this.names.length > 0 && (this.used + data.length > this.buffer.length || this.names.length >= BATCH_FILES)) {
      if (this.pending.size < MAX_PENDING && !this.failed) this.send();
      else this.clear();
    }
    // A batch owns its memory (it is transferred to the thread), so each starts with a fresh buffer.
    if (this.used === 0 && this.buffer.length < Math.max(BATCH_BYTES, data.length)) this.buffer = Buffer.allocUnsafeSlow(Math.max(BATCH_BYTES, data.length));
    data.copy(this.buffer, this.used);
    this.used += data.length;
    this.names.push(name);
    this.sizes.push(data.length);
  }

  /** The identifications of the files queued (not those left out); the thread is stopped afterwards. */
  async finish(): Promise<ThreadedIdentifications> {
    try {
      if (this.failed) throw this.failed;
      if (this.names.length > 0) this.send();
      const results = await Promise.all(this.answers);
      const byName = new Map<string, Identification>();
      results.forEach((batch, i) => batch.forEach((id, j) => byName.set(this.batchNames[i][j], id)));
      return { signatures: this.signatures, byName };
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private send(): void {
    const id = this.answers.length;
    const message: IdentifyBatch = { id, names: this.names, sizes: this.sizes, data: this.buffer.buffer as ArrayBuffer };
    const answer = new Promise<Identification[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    answer.catch(() => undefined);
    this.answers.push(answer);
    this.batchNames.push(this.names);
    this.worker.postMessage(message, [message.data]);
    this.buffer = Buffer.alloc(0);
    this.clear();
  }

  private clear(): void {
    this.used = 0;
    this.names = [];
    this.sizes = [];
  }
}
