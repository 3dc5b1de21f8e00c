import { Worker } from 'node:worker_threads';
import { DigestAlgorithm, nodeHashName } from './digest-algorithm';
import { FixityResult } from './multi-hash';

/** Bytes handed to the hashing thread but not yet hashed before `update` waits. */
const MAX_IN_FLIGHT = 64 * 1024 * 1024;

/** The hashing thread: updates its hashes with every chunk, acknowledges it, and digests at the end. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = workerData.map((name) => createHash(name));
parentPort.on('message', (m) => {
  if (m === 'end') {
    parentPort.postMessage({ digests: hashes.map((h) => h.digest('hex')) });
    return;
  }
  const chunk = Buffer.from(m.buffer, m.byteOffset, m.byteLength);
  for (const h of hashes) h.update(chunk);
  parentPort.postMessage({ done: m.byteLength });
});
`;

/**
 * Hashes on another thread what the caller streams through the main one (e.g. a container's
 * digest while its files are extracted and hashed), so a large read uses a second core instead
 * of hashing the same bytes one algorithm after another. Each chunk is copied once to the thread;
 * at most MAX_IN_FLIGHT bytes wait there.
 */
export class ThreadedHasher {
  private readonly worker: Worker;
  private readonly algorithms: DigestAlgorithm[];
  private inFlight = 0;
  private size = 0;
  private failed: Error | undefined;
  private waiting: Array<() => void> = [];
  private result: Promise<string[]>;

  constructor(algorithms: Iterable<DigestAlgorithm>) {
    this.algorithms = [...new Set(algorithms)];
    this.worker = new Worker(WORKER, { eval: true, workerData: this.algorithms.map(nodeHashName) });
    this.result = new Promise<string[]>((resolve, reject) => {
      this.worker.on('message', (m: { done?: number; digests?: string[] }) => {
        if (m.digests) return resolve(m.digests);
        this.inFlight -= m.done ?? 0;
        if (this.inFlight <= MAX_IN_FLIGHT) for (const wake of this.waiting.splice(0)) wake();
      });
      this.worker.on('error', (e) => {
        this.failed = e;
        for (const wake of this.waiting.splice(0)) wake();
        reject(e);
      });
    });
    this.result.catch(() => undefined);
  }

  /** Queues a chunk (copied, so the caller may reuse its buffer); waits while too much is queued. */
  async update(chunk: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.size += chunk.length;
    this.inFlight += chunk.length;
    const copy = new Uint8Array(chunk);
    this.worker.postMessage(copy, [copy.buffer]);
    if (this.inFlight > MAX_IN_FLIGHT) await new Promise<void>((wake) => this.waiting.push(wake));
    if (this.failed) throw this.failed;
  }

  async digest(): Promise<FixityResult> {
    this.worker.postMessage('end');
    try {
      const hex = await this.result;
      return { size: this.size, digests: Object.fromEntries(this.algorithms.map((a, i) => [a, hex[i]])) };
    } finally {
      await this.worker.terminate();
    }
  }

  /** Stops the thread without a result (the read failed). */
  async abort(): Promise<void> {
    await this.worker.terminate();
  }
}
