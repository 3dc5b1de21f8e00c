import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export type ReleaseSlot = () => Promise<void>;

/**
 * Per-tenant concurrency for pipeline jobs: a job runs only while it holds one of the tenant's N
 * slots, which are PostgreSQL session advisory locks. A worker that dies loses its connection and
 * with it the slot, so no slot leaks after a crash.
 */
@Injectable()
export class TenantSlots {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async acquire(tenantId: string, slots: number): Promise<ReleaseSlot | null> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      for (let slot = 0; slot < slots; slot++) {
        const [row] = (await runner.query(`SELECT pg_try_advisory_lock(hashtext('ingest-slot:' || $1), $2) AS ok`, [tenantId, slot])) as Array<{ ok: boolean }>;
        if (row.ok) {
          return async () => {
            try {
              await runner.query(`SELECT pg_advisory_unlock(hashtext('ingest-slot:' || $1), $2)`, [tenantId, slot]);
            } finally {
              await runner.release();
            }
          };
        }
      }
    } catch (err) {
      await runner.release();
      throw err;
    }
    await runner.release();
    return null;
  }
}
