import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../domain/audit-entry';
import { chainRangeSql, EntryRow, toEntry } from './audit-row';

export interface ChainHead {
  chainKey: string;
  tenantId: string | null;
  seq: number;
  hash: string;
  time: Date;
}

export interface AnchorRow {
  id: number;
  chainKey: string;
  tenantId: string | null;
  seq: number;
  hash: string;
  entryTime: Date;
  reason: 'periodic' | 'retention';
  partitionName: string | null;
  anchoredAt: Date;
}

/** The chain key of a tenant's chain; the central chain (operators, no tenant) is ''. */
export const chainKeyOf = (tenantId: string | null) => tenantId ?? '';

/** Appends and chain reads. Writes go only through audit_append (see the migration). */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async append(canonicalBody: string): Promise<{ seq: number; time: Date; hash: string }> {
    const [row] = (await this.ds.query(`SELECT seq, "time", hash FROM audit_append($1)`, [canonicalBody])) as Array<{ seq: string; time: Date; hash: string }>;
    return { seq: Number(row.seq), time: row.time, hash: row.hash };
  }

  /**
   * Entries (after, upTo] of a chain in seq order. The seq range bounds the work of every batch
   * whatever the planner believes, and the time bound (times never fall within a chain) lets the
   * planner skip the partitions that lie before the batch.
   */
  async chainRange(chainKey: string, after: number, upTo: number, notBefore: Date | null): Promise<AuditEntry[]> {
    const rows = (await this.ds.query(chainRangeSql(notBefore !== null), notBefore ? [chainKey, after, upTo, notBefore] : [chainKey, after, upTo])) as EntryRow[];
    return rows.map(toEntry);
  }

  /** The highest and, from a time on, the lowest seq present in a chain. */
  async seqBounds(chainKey: string, from?: Date): Promise<{ max: number; firstFrom: number | null }> {
    const [row] = (await this.ds.query(
      `SELECT (SELECT max(seq) FROM audit_entry WHERE chain_key = $1) AS max,
              (SELECT min(seq) FROM audit_entry WHERE chain_key = $1 AND "time" >= $2) AS first_from`,
      [chainKey, from ?? null],
    )) as Array<{ max: string | null; first_from: string | null }>;
    return { max: Number(row.max ?? 0), firstFrom: row.first_from === null ? null : Number(row.first_from) };
  }

  async heads(chainKey?: string): Promise<ChainHead[]> {
    const rows = (await this.ds.query(
      `SELECT chain_key, tenant_id, last_seq, last_hash, last_time FROM audit_chain_head ${chainKey === undefined ? '' : 'WHERE chain_key = $1'} ORDER BY chain_key`,
      chainKey === undefined ? [] : [chainKey],
    )) as Array<{ chain_key: string; tenant_id: string | null; last_seq: string; last_hash: string; last_time: Date }>;
    return rows.map((r) => ({ chainKey: r.chain_key, tenantId: r.tenant_id, seq: Number(r.last_seq), hash: r.last_hash, time: r.last_time }));
  }

  /** Chains that have entries but no head row (the head row itself was removed). */
  async chainKeysWithoutHead(): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT DISTINCT chain_key FROM audit_entry e WHERE NOT EXISTS (SELECT 1 FROM audit_chain_head h WHERE h.chain_key = e.chain_key)`,
    )) as Array<{ chain_key: string }>;
    return rows.map((r) => r.chain_key);
  }

  async anchors(chainKey?: string): Promise<AnchorRow[]> {
    const rows = (await this.ds.query(
      `SELECT id, chain_key, tenant_id, seq, hash, entry_time, reason, partition_name, anchored_at FROM audit_anchor
       ${chainKey === undefined ? '' : 'WHERE chain_key = $1'} ORDER BY chain_key, seq, id`,
      chainKey === undefined ? [] : [chainKey],
    )) as Array<{ id: string; chain_key: string; tenant_id: string | null; seq: string; hash: string; entry_time: Date; reason: AnchorRow['reason']; partition_name: string | null; anchored_at: Date }>;
    return rows.map((r) => ({
      id: Number(r.id),
      chainKey: r.chain_key,
      tenantId: r.tenant_id,
      seq: Number(r.seq),
      hash: r.hash,
      entryTime: r.entry_time,
      reason: r.reason,
      partitionName: r.partition_name,
      anchoredAt: r.anchored_at,
    }));
  }

  /** Anchors every chain head that moved since its last anchor; returns how many were written. */
  async anchorHeads(): Promise<number> {
    const rows = (await this.ds.query(`
      INSERT INTO audit_anchor (chain_key, tenant_id, seq, hash, entry_time, reason)
      SELECT h.chain_key, h.tenant_id, h.last_seq, h.last_hash, h.last_time, 'periodic' FROM audit_chain_head h
      WHERE NOT EXISTS (SELECT 1 FROM audit_anchor a WHERE a.chain_key = h.chain_key AND a.seq = h.last_seq)
      ON CONFLICT (chain_key, seq, reason) DO NOTHING
      RETURNING id`)) as unknown[];
    return rows.length;
  }

  async ensurePartition(month: Date): Promise<string> {
    const [row] = (await this.ds.query(`SELECT audit_ensure_partition($1::date) AS name`, [month.toISOString().slice(0, 10)])) as Array<{ name: string }>;
    return row.name;
  }

  async dropPartitionsBefore(cutoff: Date): Promise<string[]> {
    const rows = (await this.ds.query(`SELECT audit_drop_partitions_before($1) AS name`, [cutoff])) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  async partitions(): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_entry'::regclass ORDER BY 1`,
    )) as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }
}
