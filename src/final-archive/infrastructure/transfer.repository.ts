import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../domain/actor';
import { SelectionSummary, Transfer, TransferItem, TransferReceipt, TransferSelection, TransferStatus } from '../domain/transfer';

type RawTransfer = {
  tenant_id: string;
  id: string;
  status: TransferStatus;
  selection: TransferSelection;
  summary: SelectionSummary;
  note: string | null;
  proposed_by: string;
  proposed_by_name: string | null;
  proposed_at: Date;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  receipt: TransferReceipt | null;
};

type RawItem = {
  aip_id: string;
  object_id: string;
  information_type_id: string;
  source_system: string;
  delivery_id: string;
  record_count: number;
  total_bytes: string;
  first_date: Date | null;
  last_date: Date | null;
  held_records: number;
  fixity_before: TransferItem['fixityBefore'];
  fixity_after: TransferItem['fixityAfter'];
  transfer_event_at: Date | null;
};

const toTransfer = (r: RawTransfer): Transfer => ({
  id: r.id,
  tenantId: r.tenant_id,
  status: r.status,
  selection: r.selection,
  summary: r.summary,
  note: r.note,
  proposedBy: { id: r.proposed_by, name: r.proposed_by_name },
  proposedAt: r.proposed_at.toISOString(),
  decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name } : null,
  decidedAt: r.decided_at?.toISOString() ?? null,
  decisionNote: r.decision_note,
  receipt: r.receipt,
});

const toItem = (r: RawItem): TransferItem => ({
  aipId: r.aip_id,
  objectId: r.object_id,
  informationTypeId: r.information_type_id,
  sourceSystem: r.source_system,
  deliveryId: r.delivery_id,
  records: r.record_count,
  bytes: Number(r.total_bytes),
  firstDate: r.first_date?.toISOString() ?? null,
  lastDate: r.last_date?.toISOString() ?? null,
  heldRecords: r.held_records,
  fixityBefore: r.fixity_before,
  fixityAfter: r.fixity_after,
  transferEventAt: r.transfer_event_at?.toISOString() ?? null,
});

/** Transfers and their AIPs. Every method names the tenant. */
@Injectable()
export class TransferRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async insert(t: { tenantId: string; id: string; selection: TransferSelection; summary: SelectionSummary; note: string | null; proposedBy: Actor }, items: TransferItem[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`INSERT INTO transfer (tenant_id, id, status, selection, summary, note, proposed_by, proposed_by_name) VALUES ($1, $2, 'proposed', $3, $4, $5, $6, $7)`, [
        t.tenantId,
        t.id,
        JSON.stringify(t.selection),
        JSON.stringify(t.summary),
        t.note,
        t.proposedBy.id,
        t.proposedBy.name,
      ]);
      for (let i = 0; i < items.length; i += 1000) {
        const b = items.slice(i, i + 1000);
        await m.query(
          `INSERT INTO transfer_item (tenant_id, transfer_id, aip_id, object_id, information_type_id, source_system, delivery_id, record_count, total_bytes, first_date, last_date, held_records)
           SELECT $1, $2, * FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::uuid[], $8::int[], $9::bigint[], $10::timestamptz[], $11::timestamptz[], $12::int[])`,
          [
            t.tenantId,
            t.id,
            b.map((x) => x.aipId),
            b.map((x) => x.objectId),
            b.map((x) => x.informationTypeId),
            b.map((x) => x.sourceSystem),
            b.map((x) => x.deliveryId),
            b.map((x) => x.records),
            b.map((x) => String(x.bytes)),
            b.map((x) => x.firstDate),
            b.map((x) => x.lastDate),
            b.map((x) => x.heldRecords),
          ],
        );
      }
    });
  }

  async find(tenantId: string, id: string, m: EntityManager = this.ds.manager): Promise<Transfer | null> {
    const rows = (await m.query(`SELECT * FROM transfer WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as RawTransfer[];
    return rows[0] ? toTransfer(rows[0]) : null;
  }

  async list(tenantId: string, status: TransferStatus | undefined, limit: number, offset: number): Promise<Transfer[]> {
    const rows = (await this.ds.query(`SELECT * FROM transfer WHERE tenant_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY proposed_at DESC, id LIMIT $3 OFFSET $4`, [
      tenantId,
      status ?? null,
      limit,
      offset,
    ])) as RawTransfer[];
    return rows.map(toTransfer);
  }

  async items(tenantId: string, transferId: string): Promise<TransferItem[]> {
    const rows = (await this.ds.query(`SELECT * FROM transfer_item WHERE tenant_id = $1 AND transfer_id = $2 ORDER BY aip_id`, [tenantId, transferId])) as RawItem[];
    return rows.map(toItem);
  }

  /** AIPs already in a transfer that waits for a decision (not proposed twice). */
  async pendingAipIds(tenantId: string): Promise<Set<string>> {
    const rows = (await this.ds.query(
      `SELECT i.aip_id FROM transfer_item i JOIN transfer t ON t.tenant_id = i.tenant_id AND t.id = i.transfer_id WHERE i.tenant_id = $1 AND t.status IN ('proposed', 'accepting')`,
      [tenantId],
    )) as Array<{ aip_id: string }>;
    return new Set(rows.map((r) => r.aip_id));
  }

  /** Claims the decision: false when someone else decided first. */
  async decide(m: EntityManager, tenantId: string, id: string, status: 'accepting' | 'refused', by: Actor, note: string | null): Promise<boolean> {
    const rows = (await m.query(
      `UPDATE transfer SET status = $3, decided_by = $4, decided_by_name = $5, decided_at = now(), decision_note = $6
       WHERE tenant_id = $1 AND id = $2 AND status = 'proposed' RETURNING id`,
      [tenantId, id, status, by.id, by.name, note],
    )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    const list = Array.isArray(rows[0]) ? (rows[0] as Array<{ id: string }>) : (rows as Array<{ id: string }>);
    return list.length === 1;
  }

  async setFixity(tenantId: string, transferId: string, aipId: string, column: 'fixity_before' | 'fixity_after', value: unknown): Promise<void> {
    await this.ds.query(`UPDATE transfer_item SET ${column} = $4 WHERE tenant_id = $1 AND transfer_id = $2 AND aip_id = $3`, [tenantId, transferId, aipId, JSON.stringify(value)]);
  }

  /** Acceptances of every tenant still under way (for the worker to make sure each has its job). */
  async interrupted(): Promise<Array<{ tenantId: string; id: string; actor: Actor }>> {
    const rows = (await this.ds.query(`SELECT tenant_id, id, decided_by, decided_by_name FROM transfer WHERE status = 'accepting' ORDER BY decided_at LIMIT 10000`)) as Array<{
      tenant_id: string;
      id: string;
      decided_by: string;
      decided_by_name: string | null;
    }>;
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id, actor: { id: r.decided_by, name: r.decided_by_name } }));
  }

  async eventRecorded(tenantId: string, transferId: string, aipId: string): Promise<void> {
    await this.ds.query(`UPDATE transfer_item SET transfer_event_at = now() WHERE tenant_id = $1 AND transfer_id = $2 AND aip_id = $3 AND transfer_event_at IS NULL`, [tenantId, transferId, aipId]);
  }

  /** Completes the acceptance with its receipt, once: false when an earlier run already did. */
  async complete(tenantId: string, id: string, receipt: TransferReceipt): Promise<boolean> {
    const rows = (await this.ds.query(`UPDATE transfer SET status = 'accepted', receipt = $3 WHERE tenant_id = $1 AND id = $2 AND status = 'accepting' RETURNING id`, [
      tenantId,
      id,
      JSON.stringify(receipt),
    ])) as [Array<{ id: string }>, number] | Array<{ id: string }>;
    const list = Array.isArray(rows[0]) ? (rows[0] as Array<{ id: string }>) : (rows as Array<{ id: string }>);
    return list.length === 1;
  }
}
