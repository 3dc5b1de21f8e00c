import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface TombstoneInput {
  tenantId: string;
  objectId: string;
  wholeObject: boolean;
  logicalPaths: string[];
  contentDigests: string[];
  reason: string;
  decisionReference: string;
  destroyedBy: string;
}

export interface Tombstone extends TombstoneInput {
  id: string;
  status: 'pending' | 'done';
  requestedAt: Date;
  completedAt: Date | null;
}

/** Tombstones of destroyed content. Every method names the tenant. */
@Injectable()
export class TombstoneRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Recorded before anything is destroyed, so an interrupted destruction is never forgotten. */
  async insertPending(t: TombstoneInput): Promise<string> {
    const [{ id }] = (await this.ds.query(
      `INSERT INTO preservation_tombstone (tenant_id, object_id, whole_object, logical_paths, content_digests, reason, decision_reference, destroyed_by, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending') RETURNING id`,
      [t.tenantId, t.objectId, t.wholeObject, t.logicalPaths, t.contentDigests, t.reason, t.decisionReference, t.destroyedBy],
    )) as Array<{ id: string }>;
    return id;
  }

  async markDone(tenantId: string, id: string, m: EntityManager = this.ds.manager): Promise<void> {
    await m.query(`UPDATE preservation_tombstone SET status = 'done', completed_at = now() WHERE tenant_id = $1 AND id = $2`, [tenantId, id]);
  }

  async list(tenantId: string, objectId: string): Promise<Tombstone[]> {
    const rows = (await this.ds.query(
      `SELECT id, tenant_id, object_id, whole_object, logical_paths, content_digests, reason, decision_reference, destroyed_by, status, requested_at, completed_at
       FROM preservation_tombstone WHERE tenant_id = $1 AND object_id = $2 ORDER BY requested_at`,
      [tenantId, objectId],
    )) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as string,
      tenantId: r.tenant_id as string,
      objectId: r.object_id as string,
      wholeObject: r.whole_object as boolean,
      logicalPaths: r.logical_paths as string[],
      contentDigests: r.content_digests as string[],
      reason: r.reason as string,
      decisionReference: r.decision_reference as string,
      destroyedBy: r.destroyed_by as string,
      status: r.status as Tombstone['status'],
      requestedAt: r.requested_at as Date,
      completedAt: r.completed_at as Date | null,
    }));
  }
}
