import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../domain/actor';
import { DestructionReport, Disposal, DisposalItem, DisposalKind, DisposalStatus, Tombstone } from '../domain/disposal';

type RawDisposal = {
  id: string;
  kind: DisposalKind;
  status: DisposalStatus;
  patient_id: string | null;
  note: string | null;
  proposed_by: string;
  proposed_by_name: string | null;
  proposed_at: Date;
  decision_reference: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
  executed_at: Date | null;
  executed_by: string | null;
  executed_by_name: string | null;
  execution_started_at: Date | null;
  stop_reason: string | null;
  report: DestructionReport | null;
};

type RawItem = {
  aip_id: string;
  object_id: string;
  delivery_id: string;
  information_type_id: string;
  source_system: string;
  scope: 'aip' | 'records';
  record_ids: string[];
  record_count: number;
  total_bytes: string;
  first_date: Date | null;
  last_date: Date | null;
  status: 'pending' | 'destroyed';
  step: DisposalItem['step'];
  locations: string[] | null;
  destroyed_at: Date | null;
};

type RawTombstone = Omit<RawItem, 'status' | 'record_ids' | 'step' | 'locations' | 'destroyed_at'> & {
  id: string;
  disposal_id: string;
  decision_reference: string;
  destroyed_at: Date;
  destroyed_by: string;
  destroyed_by_name: string | null;
  locations: string[];
};

const toDisposal = (r: RawDisposal): Disposal => ({
  id: r.id,
  kind: r.kind,
  status: r.status,
  note: r.note,
  proposedBy: { id: r.proposed_by, name: r.proposed_by_name },
  proposedAt: r.proposed_at.toISOString(),
  decisionReference: r.decision_reference,
  decidedBy: r.decided_by ? { id: r.decided_by, name: r.decided_by_name } : null,
  decidedAt: r.decided_at?.toISOString() ?? null,
  executedAt: r.executed_at?.toISOString() ?? null,
  executedBy: r.executed_by ? { id: r.executed_by, name: r.executed_by_name } : null,
  executionStartedAt: r.execution_started_at?.toISOString() ?? null,
  stopReason: r.stop_reason,
  report: r.report,
});

const toItem = (r: RawItem): DisposalItem => ({
  aipId: r.aip_id,
  objectId: r.object_id,
  deliveryId: r.delivery_id,
  informationTypeId: r.information_type_id,
  sourceSystem: r.source_system,
  scope: r.scope,
  recordIds: r.record_ids,
  records: r.record_count,
  bytes: Number(r.total_bytes),
  firstDate: r.first_date?.toISOString() ?? null,
  lastDate: r.last_date?.toISOString() ?? null,
  status: r.status,
  step: r.step,
  locations: r.locations,
  destroyedAt: r.destroyed_at?.toISOString() ?? null,
});

const toTombstone = (r: RawTombstone): Tombstone => ({
  id: r.id,
  disposalId: r.disposal_id,
  aipId: r.aip_id,
  objectId: r.object_id,
  deliveryId: r.delivery_id,
  informationTypeId: r.information_type_id,
  sourceSystem: r.source_system,
  scope: r.scope,
  records: r.record_count,
  bytes: Number(r.total_bytes),
  firstDate: r.first_date?.toISOString() ?? null,
  lastDate: r.last_date?.toISOString() ?? null,
  decisionReference: r.decision_reference,
  destroyedAt: r.destroyed_at.toISOString(),
  destroyedBy: { id: r.destroyed_by, name: r.destroyed_by_name },
  locations: r.locations,
});

const rowsOf = <T>(result: unknown): T[] => (Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]));

/** Disposal decisions, their items and the tombstones they leave. Every method names the tenant. */
@Injectable()
export class DisposalRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async insert(tenantId: string, d: { id: string; kind: DisposalKind; patientId: string | null; note: string | null; proposedBy: Actor }, items: DisposalItem[]): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`INSERT INTO disposal (tenant_id, id, kind, status, patient_id, note, proposed_by, proposed_by_name) VALUES ($1, $2, $3, 'proposed', $4, $5, $6, $7)`, [
        tenantId,
        d.id,
        d.kind,
        d.patientId,
        d.note,
        d.proposedBy.id,
        d.proposedBy.name,
      ]);
      for (const i of items) {
        await m.query(
          `INSERT INTO disposal_item (tenant_id, disposal_id, aip_id, object_id, delivery_id, information_type_id, source_system, scope, record_ids, record_count, total_bytes, first_date, last_date)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
          [tenantId, d.id, i.aipId, i.objectId, i.deliveryId, i.informationTypeId, i.sourceSystem, i.scope, i.recordIds, i.records, String(i.bytes), i.firstDate, i.lastDate],
        );
      }
    });
  }

  async find(tenantId: string, id: string): Promise<(Disposal & { patientId: string | null }) | null> {
    const rows = (await this.ds.query(`SELECT * FROM disposal WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as RawDisposal[];
    return rows[0] ? { ...toDisposal(rows[0]), patientId: rows[0].patient_id } : null;
  }

  async list(tenantId: string, limit: number, offset: number): Promise<Disposal[]> {
    const rows = (await this.ds.query(`SELECT * FROM disposal WHERE tenant_id = $1 ORDER BY proposed_at DESC, id LIMIT $2 OFFSET $3`, [tenantId, limit, offset])) as RawDisposal[];
    return rows.map(toDisposal);
  }

  async items(tenantId: string, disposalId: string): Promise<DisposalItem[]> {
    const rows = (await this.ds.query(`SELECT * FROM disposal_item WHERE tenant_id = $1 AND disposal_id = $2 ORDER BY aip_id`, [tenantId, disposalId])) as RawItem[];
    return rows.map(toItem);
  }

  /** AIPs in a disposal not yet finished (not proposed twice). */
  async openAipIds(tenantId: string): Promise<Set<string>> {
    const rows = (await this.ds.query(
      `SELECT i.aip_id FROM disposal_item i JOIN disposal d ON d.tenant_id = i.tenant_id AND d.id = i.disposal_id
       WHERE i.tenant_id = $1 AND d.status IN ('proposed', 'approved', 'executing') AND i.scope = 'aip'`,
      [tenantId],
    )) as Array<{ aip_id: string }>;
    return new Set(rows.map((r) => r.aip_id));
  }

  /** Executions of every tenant still under way (for the worker to make sure each has its job). */
  async interrupted(): Promise<Array<{ tenantId: string; id: string; actor: Actor }>> {
    const rows = (await this.ds.query(`SELECT tenant_id, id, executed_by, executed_by_name FROM disposal WHERE status = 'executing' AND executed_by IS NOT NULL ORDER BY execution_started_at LIMIT 10000`)) as Array<{
      tenant_id: string;
      id: string;
      executed_by: string;
      executed_by_name: string | null;
    }>;
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id, actor: { id: r.executed_by, name: r.executed_by_name } }));
  }

  /** Moves the status on only from the expected one; false when someone else moved it first. */
  async transition(tenantId: string, id: string, from: DisposalStatus[], to: DisposalStatus, set: Record<string, unknown> = {}, m: EntityManager = this.ds.manager): Promise<boolean> {
    const cols = Object.keys(set);
    const assignments = cols.map((c, k) => `${c} = $${k + 5}`).join(', ');
    const result = await m.query(
      `UPDATE disposal SET status = $4${assignments ? `, ${assignments}` : ''} WHERE tenant_id = $1 AND id = $2 AND status = ANY($3::text[]) RETURNING id`,
      [tenantId, id, from, to, ...cols.map((c) => set[c])],
    );
    return rowsOf(result).length === 1;
  }

  /** The per-AIP progress of an execution: how far the destruction of the item got, and where its copies were. */
  async itemStep(tenantId: string, disposalId: string, aipId: string, step: NonNullable<DisposalItem['step']>, locations: string[] | null = null, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(`UPDATE disposal_item SET step = $4, locations = COALESCE($5, locations) WHERE tenant_id = $1 AND disposal_id = $2 AND aip_id = $3`, [tenantId, disposalId, aipId, step, locations]);
  }

  /** Claims the item as destroyed: false when an earlier run already did (its tombstone stands). */
  async itemDestroyed(m: EntityManager, tenantId: string, disposalId: string, aipId: string, locations: string[]): Promise<boolean> {
    const result = await m.query(
      `UPDATE disposal_item SET status = 'destroyed', locations = $4, destroyed_at = now() WHERE tenant_id = $1 AND disposal_id = $2 AND aip_id = $3 AND status = 'pending' RETURNING aip_id`,
      [tenantId, disposalId, aipId, locations],
    );
    return rowsOf(result).length === 1;
  }

  async insertTombstone(m: EntityManager, tenantId: string, t: Omit<Tombstone, 'id' | 'destroyedAt'>): Promise<void> {
    await m.query(
      `INSERT INTO tombstone (tenant_id, disposal_id, aip_id, object_id, delivery_id, information_type_id, source_system, scope, record_count, total_bytes,
         first_date, last_date, decision_reference, destroyed_by, destroyed_by_name, locations)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        tenantId,
        t.disposalId,
        t.aipId,
        t.objectId,
        t.deliveryId,
        t.informationTypeId,
        t.sourceSystem,
        t.scope,
        t.records,
        String(t.bytes),
        t.firstDate,
        t.lastDate,
        t.decisionReference,
        t.destroyedBy.id,
        t.destroyedBy.name,
        t.locations,
      ],
    );
  }

  async tombstones(tenantId: string, filter: { disposalId?: string; aipId?: string }): Promise<Tombstone[]> {
    const rows = (await this.ds.query(
      `SELECT * FROM tombstone WHERE tenant_id = $1 AND ($2::uuid IS NULL OR disposal_id = $2) AND ($3::uuid IS NULL OR aip_id = $3) ORDER BY destroyed_at, aip_id LIMIT 10000`,
      [tenantId, filter.disposalId ?? null, filter.aipId ?? null],
    )) as RawTombstone[];
    return rows.map(toTombstone);
  }
}
