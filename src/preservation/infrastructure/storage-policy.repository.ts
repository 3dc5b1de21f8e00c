import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface PolicyRow {
  tenantId: string;
  locations: string[];
  updatedAt: Date;
  updatedBy: string | null;
}

@Injectable()
export class StoragePolicyRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async find(tenantId: string): Promise<PolicyRow | null> {
    const rows = (await this.ds.query(`SELECT tenant_id, locations, updated_at, updated_by FROM storage_policy WHERE tenant_id = $1`, [tenantId])) as Array<{
      tenant_id: string;
      locations: string[];
      updated_at: Date;
      updated_by: string | null;
    }>;
    const r = rows[0];
    return r ? { tenantId: r.tenant_id, locations: r.locations, updatedAt: r.updated_at, updatedBy: r.updated_by } : null;
  }

  async upsert(tenantId: string, locations: string[], updatedBy: string): Promise<void> {
    await this.ds.query(
      `INSERT INTO storage_policy (tenant_id, locations, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id) DO UPDATE SET locations = EXCLUDED.locations, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [tenantId, locations, updatedBy],
    );
  }

  async remove(tenantId: string): Promise<void> {
    await this.ds.query(`DELETE FROM storage_policy WHERE tenant_id = $1`, [tenantId]);
  }
}
