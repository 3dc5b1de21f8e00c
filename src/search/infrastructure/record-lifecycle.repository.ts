import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/** What the final archive needs to know about an AIP's records (counts and dates; no content). */
export interface AipRecordStats {
  aipId: string;
  records: number;
  firstDate: string | null;
  lastDate: string | null;
  /** Records covered by a legal hold (by record id or patient). */
  heldRecords: number;
  /** The latest record date of any patient in the AIP, over all of the tenant's records of the type. */
  patientsLastDate: string | null;
}

/** A record's place in its AIP: which files carry it. */
export interface RecordLocation {
  id: string;
  aipId: string;
  patientId: string | null;
  sourceRecordId: string;
  sourceFile: string;
  attachments: string[];
}

const iso = (d: Date | null) => (d instanceof Date && Number.isFinite(d.getTime()) ? d.toISOString() : null);
const CHUNK = 1000;

/**
 * The index side of the life cycle (transfer, disposal, journal destruction). Kept beside the
 * search port rather than in it: these are bulk maintenance statements of the PostgreSQL index,
 * not search. Every statement names the tenant.
 */
@Injectable()
export class RecordLifecycleRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async aipStats(tenantId: string, aipIds: string[], held: { patientIds: string[]; recordIds: string[] }): Promise<AipRecordStats[]> {
    const result: AipRecordStats[] = [];
    for (let i = 0; i < aipIds.length; i += CHUNK) {
      const rows = (await this.ds.query(
        `WITH own AS (
           SELECT aip_id, count(*)::int AS records, min(record_date) FILTER (WHERE isfinite(record_date)) AS first_date,
             max(record_date) FILTER (WHERE isfinite(record_date)) AS last_date,
             count(*) FILTER (WHERE id = ANY($3::uuid[]) OR patient_id = ANY($4::text[]))::int AS held
           FROM record WHERE tenant_id = $1 AND aip_id = ANY($2::uuid[]) GROUP BY aip_id),
         patients AS (
           SELECT DISTINCT aip_id, information_type_id, patient_id FROM record
           WHERE tenant_id = $1 AND aip_id = ANY($2::uuid[]) AND patient_id IS NOT NULL),
         patient_last AS (
           SELECT p.aip_id, max(r.record_date) FILTER (WHERE isfinite(r.record_date)) AS last_date
           FROM patients p JOIN record r ON r.tenant_id = $1 AND r.information_type_id = p.information_type_id AND r.patient_id = p.patient_id
           GROUP BY p.aip_id)
         SELECT own.aip_id, own.records, own.first_date, own.last_date, own.held, pl.last_date AS patients_last_date
         FROM own LEFT JOIN patient_last pl ON pl.aip_id = own.aip_id`,
        [tenantId, aipIds.slice(i, i + CHUNK), held.recordIds, held.patientIds],
      )) as Array<{ aip_id: string; records: number; first_date: Date | null; last_date: Date | null; held: number; patients_last_date: Date | null }>;
      for (const r of rows) {
        result.push({ aipId: r.aip_id, records: r.records, firstDate: iso(r.first_date), lastDate: iso(r.last_date), heldRecords: r.held, patientsLastDate: iso(r.patients_last_date) });
      }
    }
    return result;
  }

  async setTier(tx: EntityManager, tenantId: string, aipIds: string[], tier: 'intermediate' | 'final'): Promise<number> {
    let count = 0;
    for (let i = 0; i < aipIds.length; i += CHUNK) {
      const [, n] = (await tx.query(`UPDATE record SET tier = $3 WHERE tenant_id = $1 AND aip_id = ANY($2::uuid[])`, [tenantId, aipIds.slice(i, i + CHUNK), tier])) as [unknown, number];
      count += n;
    }
    return count;
  }

  async removeRecords(tx: EntityManager, tenantId: string, recordIds: string[]): Promise<number> {
    let count = 0;
    for (let i = 0; i < recordIds.length; i += CHUNK) {
      const [, n] = (await tx.query(`DELETE FROM record WHERE tenant_id = $1 AND id = ANY($2::uuid[])`, [tenantId, recordIds.slice(i, i + CHUNK)])) as [unknown, number];
      count += n;
    }
    return count;
  }

  async locate(tenantId: string, where: { patientId?: string; aipId?: string }): Promise<RecordLocation[]> {
    const rows = (await this.ds.query(
      `SELECT id, aip_id, patient_id, source_record_id, source_file, attachments FROM record
       WHERE tenant_id = $1 AND ($2::text IS NULL OR patient_id = $2) AND ($3::uuid IS NULL OR aip_id = $3) ORDER BY aip_id, id`,
      [tenantId, where.patientId ?? null, where.aipId ?? null],
    )) as Array<{ id: string; aip_id: string; patient_id: string | null; source_record_id: string; source_file: string; attachments: string[] }>;
    return rows.map((r) => ({ id: r.id, aipId: r.aip_id, patientId: r.patient_id, sourceRecordId: r.source_record_id, sourceFile: r.source_file, attachments: r.attachments }));
  }

  /** AIPs that hold any of these records or any record of these patients. */
  async aipsHolding(tenantId: string, held: { patientIds: string[]; recordIds: string[] }): Promise<string[]> {
    if (held.patientIds.length === 0 && held.recordIds.length === 0) return [];
    const rows = (await this.ds.query(`SELECT DISTINCT aip_id FROM record WHERE tenant_id = $1 AND (id = ANY($2::uuid[]) OR patient_id = ANY($3::text[]))`, [
      tenantId,
      held.recordIds,
      held.patientIds,
    ])) as Array<{ aip_id: string }>;
    return rows.map((r) => r.aip_id);
  }
}
