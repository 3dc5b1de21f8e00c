import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RetentionCandidate, RetentionRule, RetentionTrigger } from '../domain/retention';

type RawRule = {
  id: string;
  information_type_id: string;
  source_system: string | null;
  trigger: RetentionTrigger;
  years: number;
  description: string | null;
  created_by: string;
  created_at: Date;
};

const toRule = (r: RawRule): RetentionRule => ({
  id: r.id,
  informationTypeId: r.information_type_id,
  sourceSystem: r.source_system,
  trigger: r.trigger,
  years: r.years,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
});

@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insertRule(tenantId: string, r: Omit<RetentionRule, 'createdAt'>): Promise<RetentionRule> {
    const rows = (await this.ds.query(
      `INSERT INTO retention_rule (tenant_id, id, information_type_id, source_system, trigger, years, description, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      [tenantId, r.id, r.informationTypeId, r.sourceSystem, r.trigger, r.years, r.description, r.createdBy],
    )) as RawRule[];
    return toRule(rows[0]);
  }

  async rules(tenantId: string): Promise<RetentionRule[]> {
    const rows = (await this.ds.query(`SELECT * FROM retention_rule WHERE tenant_id = $1 ORDER BY information_type_id, source_system NULLS FIRST`, [tenantId])) as RawRule[];
    return rows.map(toRule);
  }

  async deleteRule(tenantId: string, id: string): Promise<boolean> {
    const [, n] = (await this.ds.query(`DELETE FROM retention_rule WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as [unknown, number];
    return n > 0;
  }

  /** Tenants with at least one rule (the scan's work list; runs in the central scope). */
  async tenantsWithRules(): Promise<string[]> {
    const rows = (await this.ds.query(`SELECT DISTINCT tenant_id FROM retention_rule ORDER BY tenant_id`)) as Array<{ tenant_id: string }>;
    return rows.map((r) => r.tenant_id);
  }

  /** Replaces the tenant's candidate list with this scan's result, in one transaction. */
  async replaceCandidates(tenantId: string, candidates: Array<{ aipId: string; ruleId: string; dueAt: Date }>): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query(`DELETE FROM retention_candidate WHERE tenant_id = $1`, [tenantId]);
      for (let i = 0; i < candidates.length; i += 1000) {
        const b = candidates.slice(i, i + 1000);
        await m.query(`INSERT INTO retention_candidate (tenant_id, aip_id, rule_id, due_at) SELECT $1, * FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[])`, [
          tenantId,
          b.map((c) => c.aipId),
          b.map((c) => c.ruleId),
          b.map((c) => c.dueAt),
        ]);
      }
    });
  }

  async candidates(tenantId: string): Promise<RetentionCandidate[]> {
    const rows = (await this.ds.query(`SELECT aip_id, rule_id, due_at, listed_at FROM retention_candidate WHERE tenant_id = $1 ORDER BY due_at, aip_id LIMIT 10001`, [tenantId])) as Array<{
      aip_id: string;
      rule_id: string;
      due_at: Date;
      listed_at: Date;
    }>;
    return rows.map((r) => ({ aipId: r.aip_id, ruleId: r.rule_id, dueAt: r.due_at.toISOString(), listedAt: r.listed_at.toISOString() }));
  }

  async removeCandidate(tenantId: string, aipId: string): Promise<void> {
    await this.ds.query(`DELETE FROM retention_candidate WHERE tenant_id = $1 AND aip_id = $2`, [tenantId, aipId]);
  }
}
