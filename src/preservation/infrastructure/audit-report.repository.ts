import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditCursor } from '@samarkiv/storage';
import { DataSource } from 'typeorm';
import { COPY_COLUMNS, CopyRow, toCopy } from './catalogue.repository';

export type RunTrigger = 'schedule' | 'manual';
export type RunStatus = 'running' | 'completed' | 'interrupted' | 'failed';
export type FindingOutcome = 'repaired' | 'damaged' | 'unrepaired';

export interface RunCounters {
  objectsChecked: number;
  filesChecked: number;
  bytesChecked: number;
  objectsFailed: number;
  objectsRepaired: number;
  objectsDamaged: number;
}

export interface AuditFindingRow {
  tenantId: string;
  objectId: string;
  location: string;
  kinds: string[];
  files: number;
  outcome: FindingOutcome;
  foundAt: Date;
}

export interface AuditRunRow extends RunCounters {
  id: string;
  location: string;
  trigger: RunTrigger;
  status: RunStatus;
  startedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  findings: AuditFindingRow[];
}

export interface CursorRow {
  runId: string | null;
  tenantId: string | null;
  objectId: string | null;
  objectCursor: AuditCursor | null;
}

const COUNTER_COLUMNS = 'objects_checked, files_checked, bytes_checked, objects_failed, objects_repaired, objects_damaged';

/** Fixity-audit runs, their findings (object ids and kinds only) and the per-location resume cursor. */
@Injectable()
export class AuditReportRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Takes (or renews) the location's lease; false when another live process holds it. */
  async takeLease(location: string, owner: string, seconds: number): Promise<boolean> {
    await this.ds.query(`INSERT INTO fixity_audit_cursor (location) VALUES ($1) ON CONFLICT DO NOTHING`, [location]);
    const rows = (await this.ds.query(
      `UPDATE fixity_audit_cursor SET lease_owner = $2, lease_until = now() + make_interval(secs => $3), updated_at = now()
       WHERE location = $1 AND (lease_owner IS NULL OR lease_owner = $2 OR lease_until < now()) RETURNING location`,
      [location, owner, seconds],
    )) as [unknown[], number];
    return rows[1] > 0;
  }

  async releaseLease(location: string, owner: string): Promise<void> {
    await this.ds.query(`UPDATE fixity_audit_cursor SET lease_owner = NULL, lease_until = NULL WHERE location = $1 AND lease_owner = $2`, [location, owner]);
  }

  async cursor(location: string): Promise<CursorRow> {
    const rows = (await this.ds.query(`SELECT run_id, object_tenant_id AS tenant_id, object_id, object_cursor FROM fixity_audit_cursor WHERE location = $1`, [location])) as Array<{
      run_id: string | null;
      tenant_id: string | null;
      object_id: string | null;
      object_cursor: AuditCursor | null;
    }>;
    const r = rows[0];
    return { runId: r?.run_id ?? null, tenantId: r?.tenant_id ?? null, objectId: r?.object_id ?? null, objectCursor: r?.object_cursor ?? null };
  }

  async saveCursor(location: string, c: CursorRow): Promise<void> {
    await this.ds.query(`UPDATE fixity_audit_cursor SET run_id = $2, object_tenant_id = $3, object_id = $4, object_cursor = $5, updated_at = now() WHERE location = $1`, [
      location,
      c.runId,
      c.tenantId,
      c.objectId,
      c.objectCursor ? JSON.stringify(c.objectCursor) : null,
    ]);
  }

  async startRun(location: string, trigger: RunTrigger): Promise<string> {
    const [{ id }] = (await this.ds.query(`INSERT INTO fixity_audit_run (location, trigger, status) VALUES ($1, $2, 'running') RETURNING id`, [location, trigger])) as Array<{ id: string }>;
    return id;
  }

  async markInterrupted(id: string): Promise<void> {
    await this.ds.query(`UPDATE fixity_audit_run SET status = 'interrupted', finished_at = now() WHERE id = $1 AND status = 'running'`, [id]);
  }

  async runCounters(id: string): Promise<RunCounters | null> {
    const rows = (await this.ds.query(`SELECT ${COUNTER_COLUMNS}, status FROM fixity_audit_run WHERE id = $1`, [id])) as Array<Record<string, string | number>>;
    return rows[0] && rows[0].status === 'running' ? toCounters(rows[0]) : null;
  }

  async saveRun(id: string, c: RunCounters, status: RunStatus = 'running', error: string | null = null): Promise<void> {
    await this.ds.query(
      `UPDATE fixity_audit_run SET objects_checked = $2, files_checked = $3, bytes_checked = $4, objects_failed = $5, objects_repaired = $6, objects_damaged = $7,
         status = $8, error = $9, finished_at = CASE WHEN $8 = 'running' THEN NULL ELSE now() END WHERE id = $1`,
      [id, c.objectsChecked, c.filesChecked, c.bytesChecked, c.objectsFailed, c.objectsRepaired, c.objectsDamaged, status, error],
    );
  }

  async addFinding(runId: string, f: Omit<AuditFindingRow, 'foundAt'>): Promise<void> {
    await this.ds.query(
      `INSERT INTO fixity_audit_finding (run_id, tenant_id, object_id, location, kinds, files, outcome) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (run_id, tenant_id, object_id, location) DO UPDATE SET kinds = EXCLUDED.kinds, files = EXCLUDED.files, outcome = EXCLUDED.outcome`,
      [runId, f.tenantId, f.objectId, f.location, f.kinds, f.files, f.outcome],
    );
  }

  /**
   * The next copies of a location to audit: never audited or least recently audited first.
   * `before` limits to copies not audited since then; `tenantId` to one tenant.
   */
  async nextCopies(location: string, before: Date, limit: number, tenantId?: string): Promise<CopyRow[]> {
    const rows = (await this.ds.query(
      `SELECT ${COPY_COLUMNS} FROM stored_copy
       WHERE location = $1 AND (audited_at IS NULL OR audited_at < $2) AND ($4::text IS NULL OR tenant_id = $4)
       ORDER BY audited_at NULLS FIRST, tenant_id, object_id LIMIT $3`,
      [location, before, limit, tenantId ?? null],
    )) as Parameters<typeof toCopy>[0][];
    return rows.map(toCopy);
  }

  /** Bytes held in a location (logical sizes of the catalogued objects), to pace the cycle. */
  async locationBytes(location: string): Promise<number> {
    const [{ bytes }] = (await this.ds.query(
      `SELECT COALESCE(SUM(o.total_bytes), 0) AS bytes FROM stored_copy c JOIN preservation_object o USING (tenant_id, object_id) WHERE c.location = $1`,
      [location],
    )) as Array<{ bytes: string }>;
    return Number(bytes);
  }

  async runs(limit: number, location?: string): Promise<AuditRunRow[]> {
    const runs = (await this.ds.query(
      `SELECT id, location, trigger, status, started_at, finished_at, error, ${COUNTER_COLUMNS} FROM fixity_audit_run
       WHERE ($2::text IS NULL OR location = $2) ORDER BY started_at DESC LIMIT $1`,
      [limit, location ?? null],
    )) as Array<Record<string, unknown>>;
    const ids = runs.map((r) => r.id as string);
    const findings = ids.length
      ? ((await this.ds.query(`SELECT run_id, tenant_id, object_id, location, kinds, files, outcome, found_at FROM fixity_audit_finding WHERE run_id = ANY($1) ORDER BY found_at`, [ids])) as Array<
          Record<string, unknown>
        >)
      : [];
    return runs.map((r) => ({
      id: r.id as string,
      location: r.location as string,
      trigger: r.trigger as RunTrigger,
      status: r.status as RunStatus,
      startedAt: r.started_at as Date,
      finishedAt: r.finished_at as Date | null,
      error: r.error as string | null,
      ...toCounters(r as Record<string, string | number>),
      findings: findings
        .filter((f) => f.run_id === r.id)
        .map((f) => ({
          tenantId: f.tenant_id as string,
          objectId: f.object_id as string,
          location: f.location as string,
          kinds: f.kinds as string[],
          files: f.files as number,
          outcome: f.outcome as FindingOutcome,
          foundAt: f.found_at as Date,
        })),
    }));
  }
}

function toCounters(r: Record<string, string | number>): RunCounters {
  return {
    objectsChecked: Number(r.objects_checked),
    filesChecked: Number(r.files_checked),
    bytesChecked: Number(r.bytes_checked),
    objectsFailed: Number(r.objects_failed),
    objectsRepaired: Number(r.objects_repaired),
    objectsDamaged: Number(r.objects_damaged),
  };
}
