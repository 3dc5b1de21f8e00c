import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ChangeChannel, DatabaseNotifications } from '../../platform/database/database-notifications';
import { NotifiedCache } from '../../platform/database/notified-cache';
import { RecordBlock } from '../domain/record-block';

interface BlockRow {
  id: string;
  patient_id: string | null;
  patient_issuer: string | null;
  care_unit: string;
  reason: string;
  set_by: string;
  set_by_name: string | null;
  set_at: Date;
}

const toBlock = (r: BlockRow): RecordBlock => ({
  id: r.id,
  patient: r.patient_id === null ? null : { id: r.patient_id, issuer: r.patient_issuer },
  careUnit: r.care_unit,
  reason: r.reason,
  setBy: r.set_by,
  setByName: r.set_by_name,
  setAt: r.set_at.toISOString(),
});

const COLUMNS = 'id, patient_id, patient_issuer, care_unit, reason, set_by, set_by_name, set_at';

/** The tenant's blocks. Every statement names the tenant (and row-level security backs it). */
@Injectable()
export class RecordBlockRepository {
  /** Every search asks which units of its tenant are blocked; the answer changes only with a block. */
  private readonly units: NotifiedCache<readonly string[]>;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    notifications: DatabaseNotifications,
  ) {
    this.units = new NotifiedCache(notifications, ChangeChannel.RecordBlock, { maxEntries: 1_000, ttlMs: 60_000 });
  }

  /** The care units with a block of the tenant (of a patient there, or of the whole unit). */
  blockedUnits(tenantId: string): Promise<readonly string[]> {
    return this.units.get(tenantId, '', async () => {
      const rows = (await this.ds.query(`SELECT DISTINCT care_unit FROM record_block WHERE tenant_id = $1`, [tenantId])) as Array<{ care_unit: string }>;
      return Object.freeze(rows.map((r) => r.care_unit));
    });
  }

  async list(tenantId: string, where: { careUnit?: string; patientId?: string }): Promise<RecordBlock[]> {
    const rows = (await this.ds.query(
      `SELECT ${COLUMNS} FROM record_block WHERE tenant_id = $1 AND ($2::text IS NULL OR care_unit = $2) AND ($3::text IS NULL OR patient_id = $3)
       ORDER BY care_unit, patient_id NULLS FIRST, set_at`,
      [tenantId, where.careUnit ?? null, where.patientId ?? null],
    )) as BlockRow[];
    return rows.map(toBlock);
  }

  async get(tenantId: string, id: string): Promise<RecordBlock | null> {
    const rows = (await this.ds.query(`SELECT ${COLUMNS} FROM record_block WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as BlockRow[];
    return rows[0] ? toBlock(rows[0]) : null;
  }

  /** Null when the same block (unit, patient) already exists. */
  async insert(tenantId: string, b: Omit<RecordBlock, 'setAt'>): Promise<RecordBlock | null> {
    const rows = (await this.ds.query(
      `INSERT INTO record_block (tenant_id, id, patient_id, patient_issuer, care_unit, reason, set_by, set_by_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING ${COLUMNS}`,
      [tenantId, b.id, b.patient?.id ?? null, b.patient?.issuer ?? null, b.careUnit, b.reason, b.setBy, b.setByName],
    )) as BlockRow[];
    this.units.invalidate(tenantId);
    return rows[0] ? toBlock(rows[0]) : null;
  }

  async remove(tenantId: string, id: string): Promise<RecordBlock | null> {
    const rows = (await this.ds.query(`DELETE FROM record_block WHERE tenant_id = $1 AND id = $2 RETURNING ${COLUMNS}`, [tenantId, id])) as [BlockRow[], number];
    this.units.invalidate(tenantId);
    return rows[0][0] ? toBlock(rows[0][0]) : null;
  }
}
