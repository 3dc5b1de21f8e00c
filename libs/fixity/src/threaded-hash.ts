import { Worker } from 'node:worker_threads';
import { DigestAlgorithm, nodeHashName } from './digest-algorithm';
import { FixityResult } from './multi-hash';

/** Chunks are gathered into slots of this size before a thread sees them (fewer messages). */
const SLOT_BYTES = 4 * 1024 * 1024;
/** Slots in the shared ring: at most this many × SLOT_BYTES wait for the threads. */
const SLOTS = 8;

/**
 * One thread per algorithm: hashes the slots it is told about in shared memory, acknowledges
 * each, and answers `end` with the digest before starting over for the next stream.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const memory = new Uint8Array(workerData.memory);
let hash = createHash(workerData.algorithm);
parentPort.on('message', (m) => {
  if (m.end) {
    parentPort.postMessage({ digest: hash.digest('hex') });
    hash = createHash(workerData.algorithm);
    return;
  }
  hash.update(memory.subarray(m.offset, m.offset + m.length));
  parentPort.postMessage({ slot: m.slot });
});
`;

/**
 * Hashes on other threads what the caller streams through the main one, one thread per
 * algorithm, so a large file's SHA-256 and SHA-512 run side by side on two cores while the main
 * thread reads and writes. Each chunk is copied once, into a ring of shared memory that every
 * thread reads; `update` waits only when the ring is full. `digest` ends one stream and readies
 * the threads for the next; `close` stops them (always call it).
 */
export class ThreadedHasher {
  private readonly algorithms: DigestAlgorithm[];
  private readonly memory = new SharedArrayBuffer(SLOT_BYTES * SLOTS);
  private readonly view = new Uint8Array(this.memory);
  private readonly workers: Worker[];
  /** Per slot: threads that have not yet hashed it. */
  private readonly busy = new Array<number>(SLOTS).fill(0);
  private readonly free: number[] = Array.from({ length: SLOTS }, (_, i) => SLOTS - 1 - i);
  private readonly digestWaiters: Array<Array<{ resolve: (hex: string) => void; reject: (e: Error) => void }>>;
  private wakeups: Array<() => void> = [];
  private current: { slot: number; filled: number } | undefined;
  private size = 0;
  private failed: Error | undefined;

  constructor(algorithms: Iterable<DigestAlgorithm>) {
    this.algorithms = [...new Set(algorithms)];
    this.digestWaiters = this.algorithms.map(() => []);
    this.workers = this.algorithms.map((algorithm, i) => {
      const worker = new Worker(WORKER, { eval: true, workerData: { memory: this.memory, algorithm: nodeHashName(algorithm) } });
      worker.on('message', (m: { slot?: number; digest?: string }) => {
        if (m.digest !== undefined) this.digestWaiters[i].shift()?.resolve(m.digest);
        else if (m.slot !== undefined && --this.busy[m.slot] === 0) {
          this.free.push(m.slot);
          this.wakeups.shift()?.();
        }
      });
      worker.on('error', (e) => this.fail(e));
      return worker;
    });
  }

  /** Queues a chunk (copied, so the caller may reuse its buffer); waits while the ring is full. */
  async update(chunk: Uint8Array): Promise<void> {
    this.size += chunk.length;
    for (let offset = 0; offset < chunk.length; ) {
      this.current ??= { slot: await this.freeSlot(), filled: 0 };
      const n = Math.min(SLOT_BYTES - this.current.filled, chunk.length - offset);
      this.view.set(chunk.subarray(offset, offset + n), this.current.slot * SLOT_BYTES + this.current.filled);
      this.current.filled += n;
      offset += n;
      if (this.current.filled === SLOT_BYTES) this.post();
    }
  }

  /** Digests of everything queued since the last digest; the threads then start a new stream. */
  async digest(): Promise<FixityResult> {
    if (this.failed) throw this.failed;
    if (this.current) this.post();
    const hex = await Promise.all(
      this.workers.map((worker, i) => {
        const answer = new Promise<string>((resolve, reject) => this.digestWaiters[i].push({ resolve, reject }));
        worker.postMessage({ end: true });
        return answer;
      }),
    );
    const size = this.size;
    this.size = 0;
    return { size, digests: Object.fromEntries(this.algorithms.map((a, i) => [a, hex[i]])) };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private post(): void {
    const { slot, filled } = this.current as { slot: number; filled: number };
    this.current = undefined;
    this.busy[slot] = this.workers.length;
    for (const worker of this.workers) worker.postMessage({ slot, offset: slot * SLOT_BYTES, length: filled });
  }

  private async freeSlot(): Promise<number> {
    for (;;) {
      if (this.failed) throw this.failed;
      const slot = this.free.pop();
      if (slot !== undefined) return slot;
      await new Promise<void>((wake) => this.wakeups.push(wake));
    }
  }

  private fail(e: Error): void {
    this.failed ??= e;
    for (const wake of this.wakeups.splice(0)) wake();
    for (const waiters of this.digestWaiters) for (const w of waiters.splice(0)) w.reject(e);
  }
}
