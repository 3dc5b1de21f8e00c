import { Injectable } from '@nestjs/common';
import { RequestContext, Role } from '../../platform/context';
import { ChainBreak, ChainVerifier } from '../domain/chain-verifier';
import { AuditLogRepository, ChainHead, chainKeyOf } from '../infrastructure/audit-log.repository';

/** Big batches keep round trips rare; seq ranges keep each one an index range scan. */
const BATCH = 20_000;

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
  constructor(private readonly log: AuditLogRepository) {}

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
    const verifier = new ChainVerifier(anchors, from !== undefined);
    const bounds = await this.log.seqBounds(chainKey, from);
    const last = Math.max(bounds.max, head?.seq ?? 0);
    let after = from === undefined ? 0 : bounds.firstFrom === null ? last : bounds.firstFrom - 1;
    let notBefore: Date | null = from ?? null;
    // Fetch the next range while this one is hashed: the database and the hashing overlap.
    const fetch = (a: number) => (a < last ? this.log.chainRange(chainKey, a, a + BATCH, notBefore) : Promise.resolve([]));
    let next = fetch(after);
    while (after < last) {
      const batch = await next;
      after += BATCH;
      if (batch.length > 0) notBefore = batch[batch.length - 1].time;
      next = fetch(after);
      let ok = true;
      for (const row of batch) if (!(ok = verifier.check(row))) break;
      if (!ok) break;
    }
    await next;
    const empty = verifier.checked === 0 && verifier.broken === null;
    const firstBroken = head
      ? verifier.finish(head)
      : empty
        ? null
        : (verifier.broken ?? { kind: 'truncated' as const, seq: verifier.lastSeq + 1, time: null, message: 'the chain head record is missing' });
    return { tenantId: chainKey === '' ? null : chainKey, ok: firstBroken === null, checked: verifier.checked, headSeq: head?.seq ?? null, firstBroken };
  }
}
