import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CopyStatus, ObjectStatus } from '../domain/stored-object';

export interface ObjectRow {
  tenantId: string;
  objectId: string;
  status: ObjectStatus;
  head: string | null;
  fileCount: number;
  totalBytes: number;
  inventoryDigest: string | null;
}

export interface CopyRow {
  tenantId: string;
  objectId: string;
  location: string;
  status: CopyStatus;
  head: string | null;
  verifiedAt: Date | null;
  auditedAt: Date | null;
  findings: string[];
}

export interface FileRow {
  contentPath: string;
  digest: string;
  size: number;
}

export interface StoredState {
  head: string;
  fileCount: number;
  totalBytes: number;
  inventoryDigest: string;
}

type RawObject = { tenant_id: string; object_id: string; status: ObjectStatus; head: string | null; file_count: number; total_bytes: string; inventory_digest: string | null };
type RawCopy = { tenant_id: string; object_id: string; location: string; status: CopyStatus; head: string | null; verified_at: Date | null; audited_at: Date | null; findings: string[] };

const toObject = (r: RawObject): ObjectRow => ({
  tenantId: r.tenant_id,
  objectId: r.object_id,
  status: r.status,
  head: r.head,
  fileCount: r.file_count,
  totalBytes: Number(r.total_bytes),
  inventoryDigest: r.inventory_digest,
});

export const toCopy = (r: RawCopy): CopyRow => ({
  tenantId: r.tenant_id,
  objectId: r.object_id,
  location: r.location,
  status: r.status,
  head: r.head,
  verifiedAt: r.verified_at,
  auditedAt: r.audited_at,
  findings: r.findings,
});

export const COPY_COLUMNS = 'tenant_id, object_id, location, status, head, verified_at, audited_at, findings';
const FILE_BATCH = 5000;

/** Objects, their copies per location and their content files. Every method names the tenant. */
@Injectable()
export class CatalogueRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  get manager(): EntityManager {
    return this.ds.manager;
  }

  transaction<T>(fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.ds.transaction(fn);
  }

  async object(tenantId: string, objectId: string): Promise<ObjectRow | null> {
    const rows = (await this.ds.query(
      `SELECT tenant_id, object_id, status, head, file_count, total_bytes, inventory_digest FROM preservation_object WHERE tenant_id = $1 AND object_id = $2`,
      [tenantId, objectId],
    )) as RawObject[];
    return rows[0] ? toObject(rows[0]) : null;
  }

  /** Claims the object for a first write; a row left 'storing' marks a write that never finished. */
  async insertStoring(tenantId: string, objectId: string): Promise<void> {
    await this.ds.query(`INSERT INTO preservation_object (tenant_id, object_id, status) VALUES ($1, $2, 'storing') ON CONFLICT DO NOTHING`, [tenantId, objectId]);
  }

  async setStatus(tenantId: string, objectId: string, status: ObjectStatus, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(`UPDATE preservation_object SET status = $3, updated_at = now() WHERE tenant_id = $1 AND object_id = $2`, [tenantId, objectId, status]);
  }

  async copies(tenantId: string, objectId: string): Promise<CopyRow[]> {
    const rows = (await this.ds.query(`SELECT ${COPY_COLUMNS} FROM stored_copy WHERE tenant_id = $1 AND object_id = $2 ORDER BY location`, [tenantId, objectId])) as RawCopy[];
    return rows.map(toCopy);
  }

  async files(tenantId: string, objectId: string): Promise<Map<string, FileRow>> {
    const rows = (await this.ds.query(`SELECT content_path, digest, size FROM preservation_file WHERE tenant_id = $1 AND object_id = $2`, [tenantId, objectId])) as Array<{
      content_path: string;
      digest: string;
      size: string;
    }>;
    return new Map(rows.map((r) => [r.content_path, { contentPath: r.content_path, digest: r.digest, size: Number(r.size) }]));
  }

  /** Records a complete, verified state: the object, its new content files and every verified copy (inside the caller's transaction). */
  async markStored(m: EntityManager, tenantId: string, objectId: string, state: StoredState, files: FileRow[], copies: Array<{ location: string; verifiedAt: Date }>): Promise<void> {
    await m.query(
      `UPDATE preservation_object SET status = 'stored', head = $3, file_count = $4, total_bytes = $5, inventory_digest = $6, updated_at = now()
       WHERE tenant_id = $1 AND object_id = $2`,
      [tenantId, objectId, state.head, state.fileCount, state.totalBytes, state.inventoryDigest],
    );
    await this.insertFiles(m, tenantId, objectId, files);
    for (const c of copies) await this.upsertCopy(m, tenantId, objectId, c.location, { status: 'verified', head: state.head, verifiedAt: c.verifiedAt, auditedAt: c.verifiedAt, findings: [] });
  }

  async upsertCopy(
    m: EntityManager,
    tenantId: string,
    objectId: string,
    location: string,
    c: { status: CopyStatus; head: string | null; verifiedAt?: Date | null; auditedAt?: Date | null; findings: string[] },
  ): Promise<void> {
    await m.query(
      `INSERT INTO stored_copy (tenant_id, object_id, location, status, head, verified_at, audited_at, findings)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, object_id, location) DO UPDATE SET status = EXCLUDED.status, head = EXCLUDED.head,
         verified_at = COALESCE(EXCLUDED.verified_at, stored_copy.verified_at), audited_at = COALESCE(EXCLUDED.audited_at, stored_copy.audited_at),
         findings = EXCLUDED.findings, updated_at = now()`,
      [tenantId, objectId, location, c.status, c.head, c.verifiedAt ?? null, c.auditedAt ?? null, c.findings],
    );
  }

  /** A destroyed object leaves the catalogue (copies and files cascade); its events stay. */
  async forgetObject(m: EntityManager, tenantId: string, objectId: string): Promise<void> {
    await m.query(`DELETE FROM preservation_object WHERE tenant_id = $1 AND object_id = $2`, [tenantId, objectId]);
  }

  /** After files were purged from every version: the new head, the content still referenced, the copies that hold it. */
  async afterPurge(m: EntityManager, tenantId: string, objectId: string, state: StoredState, keptContent: string[], locations: string[], verifiedAt: Date): Promise<void> {
    await m.query(
      `UPDATE preservation_object SET head = $3, file_count = $4, total_bytes = $5, inventory_digest = $6, updated_at = now() WHERE tenant_id = $1 AND object_id = $2`,
      [tenantId, objectId, state.head, state.fileCount, state.totalBytes, state.inventoryDigest],
    );
    await m.query(`DELETE FROM preservation_file WHERE tenant_id = $1 AND object_id = $2 AND NOT (content_path = ANY($3::text[]))`, [tenantId, objectId, keptContent]);
    for (const location of locations) await this.upsertCopy(m, tenantId, objectId, location, { status: 'verified', head: state.head, verifiedAt, findings: [] });
  }

  async deleteCopy(tenantId: string, objectId: string, location: string): Promise<void> {
    await this.ds.query(`DELETE FROM stored_copy WHERE tenant_id = $1 AND object_id = $2 AND location = $3`, [tenantId, objectId, location]);
  }

  /** Object ids of a tenant in id order, a page at a time. */
  async objectIds(tenantId: string, after: string, limit: number): Promise<string[]> {
    const rows = (await this.ds.query(`SELECT object_id FROM preservation_object WHERE tenant_id = $1 AND object_id > $2 ORDER BY object_id LIMIT $3`, [tenantId, after, limit])) as Array<{
      object_id: string;
    }>;
    return rows.map((r) => r.object_id);
  }

  /** Tenants that have catalogued objects (operators' whole-installation runs). */
  async tenants(): Promise<string[]> {
    const rows = (await this.ds.query(`SELECT DISTINCT tenant_id FROM preservation_object ORDER BY tenant_id`)) as Array<{ tenant_id: string }>;
    return rows.map((r) => r.tenant_id);
  }

  /**
   * Objects of a tenant that need a repair pass: damaged, with a failed copy, or lacking a
   * verified copy in one of the required locations.
   */
  async needingRepair(tenantId: string, required: string[], after: string, limit: number): Promise<string[]> {
    const rows = (await this.ds.query(
      `SELECT o.object_id FROM preservation_object o
       WHERE o.tenant_id = $1 AND o.object_id > $3 AND o.status <> 'storing' AND (
         o.status = 'damaged'
         OR EXISTS (SELECT 1 FROM stored_copy c WHERE c.tenant_id = o.tenant_id AND c.object_id = o.object_id AND c.status <> 'verified')
         OR (SELECT count(*) FROM stored_copy c WHERE c.tenant_id = o.tenant_id AND c.object_id = o.object_id AND c.status = 'verified' AND c.location = ANY($2)) < cardinality($2::text[]))
       ORDER BY o.object_id LIMIT $4`,
      [tenantId, required, after, limit],
    )) as Array<{ object_id: string }>;
    return rows.map((r) => r.object_id);
  }

  private async insertFiles(m: EntityManager, tenantId: string, objectId: string, files: FileRow[]): Promise<void> {
    // Arrays through unnest: one statement per batch instead of one per file.
    for (let i = 0; i < files.length; i += FILE_BATCH) {
      const batch = files.slice(i, i + FILE_BATCH);
      await m.query(
        `INSERT INTO preservation_file (tenant_id, object_id, content_path, digest, size)
         SELECT $1, $2, p, d, s FROM unnest($3::text[], $4::text[], $5::bigint[]) AS f(p, d, s)
         ON CONFLICT DO NOTHING`,
        [tenantId, objectId, batch.map((f) => f.contentPath), batch.map((f) => f.digest), batch.map((f) => String(f.size))],
      );
    }
  }
}
