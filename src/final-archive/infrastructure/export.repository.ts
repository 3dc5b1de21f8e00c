import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../domain/actor';
import { ExportFinding, ExportPackage, ExportStatus } from '../domain/transfer-export';

type RawExport = {
  tenant_id: string;
  id: string;
  transfer_id: string;
  status: ExportStatus;
  requested_by: string;
  requested_by_name: string | null;
  requested_at: Date;
  finished_at: Date | null;
  error: string | null;
  purged_at: Date | null;
};

type RawPackage = {
  aip_id: string;
  name: string;
  size: string;
  sha256: string;
  valid: boolean;
  findings: ExportFinding[];
  written_at: Date;
  deleted_at: Date | null;
};

export interface ExportRow {
  tenantId: string;
  id: string;
  transferId: string;
  status: ExportStatus;
  requestedBy: Actor;
  requestedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  purgedAt: Date | null;
}

const toExport = (r: RawExport): ExportRow => ({
  tenantId: r.tenant_id,
  id: r.id,
  transferId: r.transfer_id,
  status: r.status,
  requestedBy: { id: r.requested_by, name: r.requested_by_name },
  requestedAt: r.requested_at,
  finishedAt: r.finished_at,
  error: r.error,
  purgedAt: r.purged_at,
});

const toPackage = (r: RawPackage): ExportPackage => ({
  aipId: r.aip_id,
  name: r.name,
  size: Number(r.size),
  sha256: r.sha256,
  valid: r.valid,
  findings: r.findings,
  writtenAt: r.written_at.toISOString(),
  deleted: r.deleted_at !== null,
});

/** Exports of transfers and the packages they wrote. Every method but the purge scan names the tenant. */
@Injectable()
export class ExportRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tenantId: string, e: { id: string; transferId: string; requestedBy: Actor }): Promise<void> {
    await this.ds.query(`INSERT INTO transfer_export (tenant_id, id, transfer_id, status, requested_by, requested_by_name) VALUES ($1, $2, $3, 'running', $4, $5)`, [
      tenantId,
      e.id,
      e.transferId,
      e.requestedBy.id,
      e.requestedBy.name,
    ]);
  }

  async find(tenantId: string, transferId: string, id: string): Promise<ExportRow | null> {
    const rows = (await this.ds.query(`SELECT * FROM transfer_export WHERE tenant_id = $1 AND transfer_id = $2 AND id = $3`, [tenantId, transferId, id])) as RawExport[];
    return rows[0] ? toExport(rows[0]) : null;
  }

  async packages(tenantId: string, exportId: string): Promise<ExportPackage[]> {
    const rows = (await this.ds.query(`SELECT * FROM transfer_export_package WHERE tenant_id = $1 AND export_id = $2 ORDER BY name`, [tenantId, exportId])) as RawPackage[];
    return rows.map(toPackage);
  }

  async savePackage(tenantId: string, exportId: string, p: Omit<ExportPackage, 'writtenAt' | 'deleted'>): Promise<void> {
    await this.ds.query(
      `INSERT INTO transfer_export_package (tenant_id, export_id, aip_id, name, size, sha256, valid, findings) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, export_id, aip_id) DO UPDATE SET name = EXCLUDED.name, size = EXCLUDED.size, sha256 = EXCLUDED.sha256, valid = EXCLUDED.valid,
         findings = EXCLUDED.findings, written_at = now(), deleted_at = NULL`,
      [tenantId, exportId, p.aipId, p.name, String(p.size), p.sha256, p.valid, JSON.stringify(p.findings)],
    );
  }

  async finish(tenantId: string, id: string, status: 'completed' | 'failed', error: string | null = null): Promise<void> {
    await this.ds.query(`UPDATE transfer_export SET status = $3, error = $4, finished_at = now() WHERE tenant_id = $1 AND id = $2 AND status = 'running'`, [tenantId, id, status, error]);
  }

  /** Packages not yet deleted that carry the AIP, in any export of the tenant. */
  async livePackagesOf(tenantId: string, aipId: string): Promise<Array<{ exportId: string; name: string }>> {
    const rows = (await this.ds.query(`SELECT export_id, name FROM transfer_export_package WHERE tenant_id = $1 AND aip_id = $2 AND deleted_at IS NULL`, [tenantId, aipId])) as Array<{
      export_id: string;
      name: string;
    }>;
    return rows.map((r) => ({ exportId: r.export_id, name: r.name }));
  }

  async packageDeleted(tenantId: string, exportId: string, aipId: string): Promise<void> {
    await this.ds.query(`UPDATE transfer_export_package SET deleted_at = now() WHERE tenant_id = $1 AND export_id = $2 AND aip_id = $3 AND deleted_at IS NULL`, [tenantId, exportId, aipId]);
  }

  /** Exports of every tenant requested before the cutoff and not yet purged (run in the central scope). */
  async expired(before: Date): Promise<Array<{ tenantId: string; id: string }>> {
    const rows = (await this.ds.query(`SELECT tenant_id, id FROM transfer_export WHERE requested_at < $1 AND status <> 'purged' AND status <> 'running' ORDER BY requested_at LIMIT 10000`, [
      before,
    ])) as Array<{ tenant_id: string; id: string }>;
    return rows.map((r) => ({ tenantId: r.tenant_id, id: r.id }));
  }

  async purged(tenantId: string, id: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`UPDATE transfer_export SET status = 'purged', purged_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
      await m.query(`UPDATE transfer_export_package SET deleted_at = now() WHERE tenant_id = $1 AND export_id = $2 AND deleted_at IS NULL`, [tenantId, id]);
    });
  }
}
