import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditEntry } from '../domain/audit-entry';
import { REVIEW_TIME_ZONE, WORKDAY_END_HOUR, WORKDAY_START_HOUR } from '../domain/review-flags';
import { ENTRY_COLUMNS, EntryRow, toEntry } from './audit-row';

export interface Period {
  from: Date;
  to: Date;
}

export interface SampleRow {
  id: string;
  tenantId: string;
  informationTypeId: string;
  periodFrom: Date;
  periodTo: Date;
  size: number;
  createdBy: string;
  createdAt: Date;
  signedOffBy: string | null;
  signedOffAt: Date | null;
  conclusion: string | null;
}

export interface SampleItemRow {
  seq: number;
  note: string | null;
  notedBy: string | null;
  notedAt: Date | null;
}

const SAMPLE_COLUMNS = `id, tenant_id, information_type_id, period_from, period_to, size, created_by, created_at, signed_off_by, signed_off_at, conclusion`;
type RawSample = { id: string; tenant_id: string; information_type_id: string; period_from: Date; period_to: Date; size: number; created_by: string; created_at: Date; signed_off_by: string | null; signed_off_at: Date | null; conclusion: string | null };
const toSample = (r: RawSample): SampleRow => ({
  id: r.id,
  tenantId: r.tenant_id,
  informationTypeId: r.information_type_id,
  periodFrom: r.period_from,
  periodTo: r.period_to,
  size: r.size,
  createdBy: r.created_by,
  createdAt: r.created_at,
  signedOffBy: r.signed_off_by,
  signedOffAt: r.signed_off_at,
  conclusion: r.conclusion,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Review reads and the review workflow; every query takes the tenant. */
@Injectable()
export class AuditReviewRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** The per-patient extract: served by audit_entry_tenant_id_patient_id_time_idx in every partition. */
  async byPatient(tenantId: string, informationTypeId: string, patientId: string, p: Period, limit: number): Promise<AuditEntry[]> {
    const rows = (await this.ds.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entry
       WHERE tenant_id = $1 AND patient_id = $2 AND information_type_id = $3 AND "time" >= $4 AND "time" < $5
       ORDER BY "time" DESC LIMIT $6`,
      [tenantId, patientId, informationTypeId, p.from, p.to, limit],
    )) as EntryRow[];
    return rows.map(toEntry);
  }

  /** What one user did: the entries of the type under review plus those without a type (logins). */
  async byUser(tenantId: string, informationTypeId: string, actorId: string, p: Period, limit: number): Promise<AuditEntry[]> {
    const rows = (await this.ds.query(
      `SELECT ${ENTRY_COLUMNS} FROM audit_entry
       WHERE tenant_id = $1 AND actor_id = $2 AND (information_type_id = $3 OR information_type_id IS NULL) AND "time" >= $4 AND "time" < $5
       ORDER BY "time" DESC LIMIT $6`,
      [tenantId, actorId, informationTypeId, p.from, p.to, limit],
    )) as EntryRow[];
    return rows.map(toEntry);
  }

  /** Candidates for flags (see review-flags.ts), with whether the actor's day was unusually busy. */
  async flagged(tenantId: string, informationTypeId: string, p: Period, volumeThreshold: number, limit: number): Promise<Array<{ entry: AuditEntry; busy: boolean }>> {
    const rows = (await this.ds.query(
      `WITH e AS (
         SELECT ${ENTRY_COLUMNS}, ("time" AT TIME ZONE '${REVIEW_TIME_ZONE}') AS local_time FROM audit_entry
         WHERE tenant_id = $1 AND information_type_id = $2 AND "time" >= $3 AND "time" < $4 AND patient_id IS NOT NULL),
       busy AS (
         SELECT actor_id, local_time::date AS day FROM e GROUP BY 1, 2 HAVING count(DISTINCT patient_id) > $5)
       SELECT e.*, (b.actor_id IS NOT NULL) AS busy FROM e LEFT JOIN busy b ON b.actor_id = e.actor_id AND b.day = e.local_time::date
       WHERE e.actor_personal_id = e.patient_id OR e.protected_identity OR b.actor_id IS NOT NULL
          OR extract(hour FROM e.local_time) < ${WORKDAY_START_HOUR} OR extract(hour FROM e.local_time) >= ${WORKDAY_END_HOUR}
          OR lower(substring(e.actor_name FROM '(\\S+)\\s*$')) = lower(substring(e.patient_name FROM '(\\S+)\\s*$'))
       ORDER BY e."time" LIMIT $6`,
      [tenantId, informationTypeId, p.from, p.to, volumeThreshold, limit],
    )) as Array<EntryRow & { busy: boolean }>;
    return rows.map((r) => ({ entry: toEntry(r), busy: r.busy }));
  }

  async bySeq(tenantId: string, seqs: number[]): Promise<AuditEntry[]> {
    if (seqs.length === 0) return [];
    const rows = (await this.ds.query(`SELECT ${ENTRY_COLUMNS} FROM audit_entry WHERE chain_key = $1 AND seq = ANY($2::bigint[]) ORDER BY seq`, [tenantId, seqs])) as EntryRow[];
    return rows.map(toEntry);
  }

  /** A uniform random sample of the accesses to patient data in the period, frozen with the sample. */
  async createSample(input: { tenantId: string; informationTypeId: string; period: Period; size: number; createdBy: string }): Promise<SampleRow> {
    return this.ds.transaction(async (m) => {
      const [row] = (await m.query(
        `INSERT INTO audit_review_sample (tenant_id, information_type_id, period_from, period_to, size, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${SAMPLE_COLUMNS}`,
        [input.tenantId, input.informationTypeId, input.period.from, input.period.to, input.size, input.createdBy],
      )) as RawSample[];
      await m.query(
        `INSERT INTO audit_review_item (tenant_id, sample_id, seq)
         SELECT $1::varchar, $2::uuid, seq FROM audit_entry
         WHERE tenant_id = $1::varchar AND information_type_id = $3 AND "time" >= $4 AND "time" < $5 AND patient_id IS NOT NULL
         ORDER BY random() LIMIT $6`,
        [input.tenantId, row.id, input.informationTypeId, input.period.from, input.period.to, input.size],
      );
      return toSample(row);
    });
  }

  async listSamples(tenantId: string): Promise<SampleRow[]> {
    const rows = (await this.ds.query(`SELECT ${SAMPLE_COLUMNS} FROM audit_review_sample WHERE tenant_id = $1 ORDER BY created_at DESC LIMIT 500`, [tenantId])) as RawSample[];
    return rows.map(toSample);
  }

  async findSample(tenantId: string, id: string): Promise<SampleRow | null> {
    if (!UUID.test(id)) return null;
    const rows = (await this.ds.query(`SELECT ${SAMPLE_COLUMNS} FROM audit_review_sample WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as RawSample[];
    return rows[0] ? toSample(rows[0]) : null;
  }

  async items(tenantId: string, sampleId: string): Promise<SampleItemRow[]> {
    const rows = (await this.ds.query(`SELECT seq, note, noted_by, noted_at FROM audit_review_item WHERE tenant_id = $1 AND sample_id = $2 ORDER BY seq`, [tenantId, sampleId])) as Array<{
      seq: string;
      note: string | null;
      noted_by: string | null;
      noted_at: Date | null;
    }>;
    return rows.map((r) => ({ seq: Number(r.seq), note: r.note, notedBy: r.noted_by, notedAt: r.noted_at }));
  }

  /** Returns false when the entry is not in the sample. */
  async setNote(tenantId: string, sampleId: string, seq: number, note: string, by: string): Promise<boolean> {
    const [, count] = (await this.ds.query(
      `UPDATE audit_review_item SET note = $4, noted_by = $5, noted_at = now() WHERE tenant_id = $1 AND sample_id = $2 AND seq = $3`,
      [tenantId, sampleId, seq, note, by],
    )) as [unknown, number];
    return count > 0;
  }

  /** Only an open sample can be signed off (the condition makes a double sign-off a no-op). */
  async signOff(tenantId: string, sampleId: string, by: string, conclusion: string): Promise<boolean> {
    const [, count] = (await this.ds.query(
      `UPDATE audit_review_sample SET signed_off_by = $3, signed_off_at = now(), conclusion = $4 WHERE tenant_id = $1 AND id = $2 AND signed_off_at IS NULL`,
      [tenantId, sampleId, by, conclusion],
    )) as [unknown, number];
    return count > 0;
  }
}
