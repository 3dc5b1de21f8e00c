import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PreservationEvent, PreservationEventInput, SYSTEM_AGENT } from '../domain/preservation-event';

type RawEvent = {
  id: string;
  tenant_id: string;
  object_id: string;
  event_type: string;
  event_date_time: Date;
  outcome: PreservationEvent['outcome'];
  detail: string;
  outcome_detail: Record<string, unknown> | null;
  location: string | null;
  agent_name: string;
  agent_address: string | null;
};

/** PREMIS events per object, tenant-scoped. */
@Injectable()
export class EventRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async insert(tenantId: string, objectId: string, e: PreservationEventInput, correlationId: string, m: EntityManager = this.ds.manager): Promise<void> {
    const agent = e.agent ?? SYSTEM_AGENT;
    await m.query(
      `INSERT INTO preservation_event (tenant_id, object_id, event_type, event_date_time, outcome, detail, outcome_detail, location, agent_name, agent_address, correlation_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [tenantId, objectId, e.type, e.at ?? new Date(), e.outcome, e.detail, e.outcomeDetail ? JSON.stringify(e.outcomeDetail) : null, e.location ?? null, agent.name, agent.address ?? null, correlationId],
    );
  }

  async list(tenantId: string, objectId: string): Promise<PreservationEvent[]> {
    const rows = (await this.ds.query(
      `SELECT id, tenant_id, object_id, event_type, event_date_time, outcome, detail, outcome_detail, location, agent_name, agent_address
       FROM preservation_event WHERE tenant_id = $1 AND object_id = $2 ORDER BY event_date_time, seq`,
      [tenantId, objectId],
    )) as RawEvent[];
    return rows.map((r) => ({
      id: r.id,
      tenantId: r.tenant_id,
      objectId: r.object_id,
      type: r.event_type,
      at: r.event_date_time,
      outcome: r.outcome,
      detail: r.detail,
      outcomeDetail: r.outcome_detail,
      location: r.location,
      agent: { name: r.agent_name, address: r.agent_address },
    }));
  }
}
