import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor } from '../domain/actor';
import { DisclosureRequest, HandOut, SecrecyAssessment } from '../domain/disclosure-request';

type Raw = {
  id: string;
  reference: string;
  requester_name: string;
  requester_contact: string | null;
  received_at: Date;
  subject: string;
  information_type_id: string | null;
  registered_by: string;
  registered_at: Date;
  assessment: SecrecyAssessment | null;
  reasoning: string | null;
  assessed_by: string | null;
  assessed_by_name: string | null;
  assessed_at: Date | null;
  handed_out: HandOut | null;
  handed_out_by: string | null;
  handed_out_by_name: string | null;
  handed_out_at: Date | null;
};

const toRequest = (r: Raw): DisclosureRequest => ({
  id: r.id,
  reference: r.reference,
  requester: { name: r.requester_name, contact: r.requester_contact },
  receivedAt: r.received_at.toISOString(),
  subject: r.subject,
  informationTypeId: r.information_type_id,
  registeredBy: r.registered_by,
  registeredAt: r.registered_at.toISOString(),
  assessment: r.assessment ? { outcome: r.assessment, reasoning: r.reasoning ?? '', by: { id: r.assessed_by!, name: r.assessed_by_name }, at: r.assessed_at!.toISOString() } : null,
  handedOut: r.handed_out ? { ...r.handed_out, by: { id: r.handed_out_by!, name: r.handed_out_by_name }, at: r.handed_out_at!.toISOString() } : null,
});

export interface RequestFilter {
  text?: string;
  assessment?: SecrecyAssessment | 'pending';
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class DisclosureRequestRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(
    tenantId: string,
    r: { id: string; reference: string; requesterName: string; requesterContact: string | null; receivedAt: string; subject: string; informationTypeId: string | null; registeredBy: string },
  ): Promise<void> {
    await this.ds.query(
      `INSERT INTO disclosure_request (tenant_id, id, reference, requester_name, requester_contact, received_at, subject, information_type_id, registered_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [tenantId, r.id, r.reference, r.requesterName, r.requesterContact, r.receivedAt, r.subject, r.informationTypeId, r.registeredBy],
    );
  }

  async find(tenantId: string, id: string): Promise<DisclosureRequest | null> {
    const rows = (await this.ds.query(`SELECT * FROM disclosure_request WHERE tenant_id = $1 AND id = $2`, [tenantId, id])) as Raw[];
    return rows[0] ? toRequest(rows[0]) : null;
  }

  async assess(tenantId: string, id: string, outcome: SecrecyAssessment, reasoning: string, by: Actor): Promise<void> {
    await this.ds.query(
      `UPDATE disclosure_request SET assessment = $3, reasoning = $4, assessed_by = $5, assessed_by_name = $6, assessed_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, outcome, reasoning, by.id, by.name],
    );
  }

  async handOut(tenantId: string, id: string, what: HandOut, by: Actor): Promise<void> {
    await this.ds.query(
      `UPDATE disclosure_request SET handed_out = $3, handed_out_by = $4, handed_out_by_name = $5, handed_out_at = now() WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id, JSON.stringify(what), by.id, by.name],
    );
  }

  async search(tenantId: string, f: RequestFilter): Promise<{ items: DisclosureRequest[]; total: number }> {
    const where = [`tenant_id = $1`];
    const params: unknown[] = [tenantId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (f.text) {
      const p = param(`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(reference ILIKE ${p} OR requester_name ILIKE ${p} OR subject ILIKE ${p})`);
    }
    if (f.assessment === 'pending') where.push(`assessment IS NULL`);
    else if (f.assessment) where.push(`assessment = ${param(f.assessment)}`);
    if (f.from) where.push(`received_at >= ${param(f.from)}`);
    if (f.to) where.push(`received_at <= ${param(f.to)}`);
    const clause = where.join(' AND ');
    const [{ n }] = (await this.ds.query(`SELECT count(*)::int AS n FROM disclosure_request WHERE ${clause}`, params)) as Array<{ n: number }>;
    const rows = (await this.ds.query(`SELECT * FROM disclosure_request WHERE ${clause} ORDER BY received_at DESC, id LIMIT ${param(f.limit)} OFFSET ${param(f.offset)}`, params)) as Raw[];
    return { items: rows.map(toRequest), total: n };
  }
}
