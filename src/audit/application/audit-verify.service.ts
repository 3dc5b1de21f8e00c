import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { databaseConfig } from '../../platform/config/settings';
import { RequestContext, Role } from '../../platform/context';
import { joinSegments, SegmentResult } from '../domain/chain-segments';
import { ChainBreak, ChainVerifier } from '../domain/chain-verifier';
import { AuditLogRepository, ChainHead, chainKeyOf } from '../infrastructure/audit-log.repository';
import { verifyRange } from '../infrastructure/verify-range';
import type { VerifyRangeJob } from '../infrastructure/verify-range.worker';

const WORKER_FILE = join(__dirname, '..', 'infrastructure', 'verify-range.worker.js');
/** Below this many entries a chain is verified in-process: threads and connections cost more. */
const PARALLEL_FROM = 100_000;
const MAX_WORKERS = 8;

export interface VerifyOptions {
  /** One tenant's chain; null for the central chain; undefined for every chain. */
  tenantId?: string | null;
  /** Start at the first entry on or after this time, trusting its link unless an anchor covers it. */
  from?: Date;
}

export interface ChainReport {
  tenantId: string | null;
  ok: boolean;
  checked: number;
  headSeq: number | null;
  firstBroken: ChainBreak | null;
}

export interface VerifyReport {
  ok: boolean;
  checked: number;
  seconds: number;
  chains: ChainReport[];
}

/** Checks hash chains against their content, their heads and their anchors. Operators only. */
@Injectable()
export class AuditVerifyService {
  constructor(
    private readonly log: AuditLogRepository,
    @Inject(databaseConfig.KEY) private readonly db: ConfigType<typeof databaseConfig>,
  ) {}

  async verify(ctx: RequestContext, options: VerifyOptions = {}): Promise<VerifyReport> {
    ctx.require(Role.Operator);
    const started = process.hrtime.bigint();
    const only = options.tenantId === undefined ? undefined : chainKeyOf(options.tenantId);
    const heads = await this.log.heads(only);
    const keys = new Map<string, ChainHead | null>(heads.map((h) => [h.chainKey, h]));
    // A chain whose head row is gone still has entries to check (and is broken).
    if (only !== undefined) {
      if (!keys.has(only)) keys.set(only, null);
    } else {
      for (const k of await this.log.chainKeysWithoutHead()) keys.set(k, null);
    }
    const chains: ChainReport[] = [];
    for (const [key, head] of [...keys.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      chains.push(await this.verifyChain(key, head, options.from));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return { ok: chains.every((c) => c.ok), checked: chains.reduce((n, c) => n + c.checked, 0), seconds, chains };
  }

  private async verifyChain(chainKey: string, head: { seq: number; hash: string } | null, from?: Date): Promise<ChainReport> {
    const anchors = new Map<number, string>();
    for (const a of await this.log.anchors(chainKey)) anchors.set(a.seq, a.hash);
    const bounds = await this.log.seqBounds(chainKey, from);
    const last = Math.max(bounds.max, head?.seq ?? 0);
    const after = from === undefined ? 0 : bounds.firstFrom === null ? last : bounds.firstFrom - 1;
    const segments = await this.verifySegments(chainKey, anchors, after, last, from);
    const joined = joinSegments(segments);
    const verifier = new ChainVerifier(anchors, from !== undefined);
    if (joined.broken) verifier.broken = joined.broken;
    else if (joined.last) verifier.resume(joined.last.seq, joined.last.hash, joined.checked);
    const empty = joined.checked === 0 && joined.broken === null;
    const firstBroken = head
      ? verifier.finish(head)
      : empty
        ? null
        : (joined.broken ?? { kind: 'truncated' as const, seq: (joined.last?.seq ?? 0) + 1, time: null, message: 'the chain head record is missing' });
    return { tenantId: chainKey === '' ? null : chainKey, ok: firstBroken === null, checked: joined.checked, headSeq: head?.seq ?? null, firstBroken };
  }

  /**
   * Long chains are cut into seq ranges verified on worker threads (each with its own connection)
   * and joined at the borders; hashing is what bounds verify, and it then uses every core.
   * Under ts-node/jest (no compiled worker file) everything runs in-process.
   */
  private async verifySegments(chainKey: string, anchors: Map<number, string>, after: number, last: number, from?: Date): Promise<SegmentResult[]> {
    const workers = Math.min(MAX_WORKERS, availableParallelism());
    const compiled = existsSync(WORKER_FILE);
    if (!compiled || workers < 2 || last - after < PARALLEL_FROM) {
      return [await verifyRange((a, u, nb) => this.log.chainRange(chainKey, a, u, nb), anchors, after, last, from !== undefined, from ?? null)];
    }
    const size = Math.ceil((last - after) / workers);
    const jobs: VerifyRangeJob[] = [];
    for (let a = after, i = 0; a < last; a += size, i++) {
      jobs.push({ url: this.db.url, chainKey, after: a, upTo: Math.min(a + size, last), anchors: [...anchors], trustFirstLink: i > 0 || from !== undefined, from: i === 0 && from ? from.toISOString() : null });
    }
    return Promise.all(jobs.map(runWorker));
  }
}

function runWorker(job: VerifyRangeJob): Promise<SegmentResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_FILE, { workerData: job });
    worker.once('message', (m: { ok: true; result: SegmentResult } | { ok: false; error: string }) => (m.ok ? resolve(m.result) : reject(new Error(`verify worker failed: ${m.error}`))));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`verify worker exited with ${code}`)));
  });
}
