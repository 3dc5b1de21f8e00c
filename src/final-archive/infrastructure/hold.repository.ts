import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../domain/actor';
import { HoldScope, LegalHold } from '../domain/hold';

type RawHold = {
  id: string;
  scope: HoldScope;
  target: string;
  reason: string;
  set_by: string;
  set_by_name: string | null;
  set_at: Date;
  released_by: string | null;
  released_at: Date | null;
};

const toHold = (r: RawHold): LegalHold => ({
  id: r.id,
  scope: r.scope,
  target: r.target,
  reason: r.reason,
  setBy: { id: r.set_by, name: r.set_by_name },
  setAt: r.set_at.toISOString(),
  releasedBy: r.released_by,
  releasedAt: r.released_at?.toISOString() ?? null,
});

@Injectable()
export class HoldRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tenantId: string, h: { id: string; scope: HoldScope; target: string; reason: string; setBy: Actor }): Promise<LegalHold> {
    const rows = (await this.ds.query(
      `INSERT INTO legal_hold (tenant_id, id, scope, target, reason, set_by, set_by_name) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [tenantId, h.id, h.scope, h.target, h.reason, h.setBy.id, h.setBy.name],
    )) as RawHold[];
    return toHold(rows[0]);
  }

  async find(tenantId: string, id: string): Promise<LegalHold | null> {
    const rows = (await this.ds.query(`SELECT * FROM legal_hold WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as RawHold[];
    return rows[0] ? toHold(rows[0]) : null;
  }

  async active(tenantId: string): Promise<LegalHold[]> {
    const rows = (await this.ds.query(`SELECT * FROM legal_hold WHERE tenant_id = $1 AND released_at IS NULL ORDER BY set_at`, [tenantId])) as RawHold[];
    return rows.map(toHold);
  }

  async list(tenantId: string, includeReleased: boolean): Promise<LegalHold[]> {
    const rows = (await this.ds.query(`SELECT * FROM legal_hold WHERE tenant_id = $1 AND ($2 OR released_at IS NULL) ORDER BY set_at DESC LIMIT 1000`, [tenantId, includeReleased])) as RawHold[];
    return rows.map(toHold);
  }

  async release(tenantId: string, id: string, by: Actor): Promise<void> {
    await this.ds.query(`UPDATE legal_hold SET released_by = $3, released_at = now() WHERE tenant_id = $1 AND id = $2 AND released_at IS NULL`, [tenantId, id, by.id]);
  }
}
