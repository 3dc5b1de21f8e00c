import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, Not, Repository } from 'typeorm';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryStage, TERMINAL_STAGES } from '../domain/delivery-stage';
import { DeliveryFinding } from '../domain/delivery-finding';
import { DeliveryEvent, DeliveryEventType } from '../domain/delivery-event';

/** Deliveries with their findings and events; every method is scoped by tenant. */
@Injectable()
export class DeliveryRepository {
  constructor(
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  transaction<T>(fn: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(fn);
  }

  insert(delivery: Partial<DeliveryEntity>): Promise<DeliveryEntity> {
    return this.deliveries.save(this.deliveries.create(delivery));
  }

  find(tenantId: string, id: string, tx?: EntityManager): Promise<DeliveryEntity | null> {
    return (tx?.getRepository(DeliveryEntity) ?? this.deliveries).findOneBy({ tenantId, id });
  }

  findByIdempotencyKey(tenantId: string, key: string): Promise<DeliveryEntity | null> {
    return this.deliveries.findOneBy({ tenantId, idempotencyKey: key });
  }

  list(tenantId: string, informationTypeIds: string[], limit: number, offset: number): Promise<[DeliveryEntity[], number]> {
    return this.deliveries.findAndCount({ where: { tenantId, informationTypeId: In(informationTypeIds) }, order: { createdAt: 'DESC', id: 'ASC' }, take: limit, skip: offset });
  }

  /**
   * Takes the upload slot once (a second tus creation for the same delivery finds it taken), and
   * only while the tenant's unfinished deliveries stay within its staging quota. One lock per
   * tenant makes the sum and the claim a single step.
   */
  /**
   * Rebuild from storage: the delivery an archived AIP came from, as far as the AIP tells it
   * (accepted, completed when the AIP was made). Keeps a row that is still there.
   */
  async restoreAccepted(
    tx: EntityManager,
    d: { tenantId: string; id: string; createdBy: string; informationTypeId: string; sourceSystem: string; submissionAgreement: string | null; sipObjid: string; sipKind: string | null; aipId: string; aipVersion: number; completedAt: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO delivery (tenant_id, id, request_hash, created_by, information_type_id, source_system, submission_agreement, stage, outcome,
         sip_objid, sip_kind, aip_id, aip_version, created_at, updated_at, completed_at)
       VALUES ($1, $2, 'rebuilt-from-storage', $3, $4, $5, $6, 'accepted', 'accepted', $7, $8, $9, $10, $11, now(), $11)
       ON CONFLICT DO NOTHING`,
      [d.tenantId, d.id, d.createdBy, d.informationTypeId, d.sourceSystem, d.submissionAgreement, d.sipObjid, d.sipKind, d.aipId, d.aipVersion, d.completedAt],
    );
  }

  async claimUpload(tenantId: string, id: string, length: number, quota: number): Promise<'claimed' | 'taken' | 'over-quota'> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ingest-staging:' || $1))`, [tenantId]);
      const [row] = (await tx.query(
        `SELECT coalesce(sum(coalesce(upload_length, 0)), 0)::bigint AS bytes FROM delivery WHERE tenant_id = $1 AND stage <> ALL($2)`,
        [tenantId, [...TERMINAL_STAGES]],
      )) as Array<{ bytes: string }>;
      if (Number(row.bytes) + length > quota) return 'over-quota';
      const result = await tx
        .createQueryBuilder()
        .update(DeliveryEntity)
        .set({ uploadLength: length })
        .where('tenant_id = :tenantId AND id = :id AND upload_length IS NULL AND stage = :stage', { tenantId, id, stage: DeliveryStage.AwaitingUpload })
        .execute();
      return (result.affected ?? 0) === 1 ? 'claimed' : 'taken';
    });
  }

  /**
   * Admits a delivery to processing while the tenant has fewer than `limit` admitted, unfinished
   * deliveries (true also when it was admitted before). One lock per tenant makes the count and
   * the claim one step, across every worker process. An admitted delivery keeps its turn until it
   * ends, whichever worker runs its stages, so a killed worker never leaks a turn.
   */
  async admit(tenantId: string, id: string, limit: number): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext('ingest-admit:' || $1))`, [tenantId]);
      const [row] = (await tx.query(
        `SELECT (SELECT started_at IS NOT NULL FROM delivery WHERE tenant_id = $1 AND id = $2) AS admitted,
                (SELECT count(*)::int FROM delivery WHERE tenant_id = $1 AND started_at IS NOT NULL AND completed_at IS NULL) AS running,
                (SELECT count(*)::int FROM delivery o WHERE o.tenant_id = $1 AND o.stage = $3 AND o.started_at IS NULL
                   AND o.created_at < (SELECT created_at FROM delivery WHERE tenant_id = $1 AND id = $2)) AS ahead`,
        [tenantId, id, DeliveryStage.Unpacking],
      )) as Array<{ admitted: boolean | null; running: number; ahead: number }>;
      if (row.admitted) return true;
      // Free turns go to the tenant's waiting deliveries oldest first.
      if (row.admitted === null || row.running + row.ahead >= limit) return false;
      await tx.query(`UPDATE delivery SET started_at = now() WHERE tenant_id = $1 AND id = $2 AND started_at IS NULL`, [tenantId, id]);
      return true;
    });
  }

  /**
   * Moves a delivery from one stage to another only if it is still in `from`: two workers racing on
   * the same delivery cannot both advance it.
   */
  async advance(tx: EntityManager, tenantId: string, id: string, from: DeliveryStage, changes: Partial<DeliveryEntity>): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(DeliveryEntity)
      .set(changes)
      .where('tenant_id = :tenantId AND id = :id AND stage = :from', { tenantId, id, from })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async update(tenantId: string, id: string, changes: Partial<DeliveryEntity>, tx?: EntityManager): Promise<void> {
    await (tx?.getRepository(DeliveryEntity) ?? this.deliveries).update({ tenantId, id }, changes);
  }

  /** Deliveries whose quarantine time is over and whose package is still kept. */
  expiredQuarantine(now: Date, limit: number): Promise<DeliveryEntity[]> {
    return this.deliveries
      .createQueryBuilder('d')
      .where('d.quarantine_until <= :now AND d.purged_at IS NULL', { now })
      .orderBy('d.quarantine_until', 'ASC')
      .take(limit)
      .getMany();
  }

  /** Unfinished deliveries not touched for a while (their job may have been lost). */
  stalled(olderThan: Date, limit: number): Promise<DeliveryEntity[]> {
    return this.deliveries
      .createQueryBuilder('d')
      .where('d.updated_at < :olderThan AND d.stage NOT IN (:...idle)', { olderThan, idle: [DeliveryStage.AwaitingUpload, ...TERMINAL_STAGES] })
      .orderBy('d.updated_at', 'ASC')
      .take(limit)
      .getMany();
  }

  /** A stage's findings replace what an earlier attempt of the same stage wrote. */
  async replaceFindings(tx: EntityManager, tenantId: string, deliveryId: string, stage: DeliveryStage, findings: readonly DeliveryFinding[]): Promise<void> {
    await tx.query(`DELETE FROM delivery_finding WHERE tenant_id = $1 AND delivery_id = $2 AND stage = $3`, [tenantId, deliveryId, stage]);
    const chunk = 1000;
    for (let i = 0; i < findings.length; i += chunk) {
      const part = findings.slice(i, i + chunk);
      const values = part.map((_, j) => `($1, $2, $${3 + j * 6}, $${4 + j * 6}, $${5 + j * 6}, $${6 + j * 6}, $${7 + j * 6}, $${8 + j * 6})`);
      const params = part.flatMap((f) => [f.stage, f.code, f.severity, f.message, f.location, f.puid ?? null]);
      await tx.query(
        `INSERT INTO delivery_finding (tenant_id, delivery_id, stage, code, severity, message, location, puid) VALUES ${values.join(', ')}`,
        [tenantId, deliveryId, ...params],
      );
    }
  }

  async findings(tenantId: string, deliveryId: string, tx?: EntityManager): Promise<DeliveryFinding[]> {
    const rows = (await (tx ?? this.db).query(
      `SELECT stage, code, severity, message, location, puid FROM delivery_finding WHERE tenant_id = $1 AND delivery_id = $2
       ORDER BY CASE severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, seq`,
      [tenantId, deliveryId],
    )) as DeliveryFinding[];
    return rows;
  }

  async addEvent(tenantId: string, deliveryId: string, event: { type: DeliveryEventType; stage: DeliveryStage; message: string; details?: Record<string, unknown> }, tx?: EntityManager): Promise<void> {
    await (tx ?? this.db).query(`INSERT INTO delivery_event (tenant_id, delivery_id, type, stage, message, details) VALUES ($1, $2, $3, $4, $5, $6)`, [
      tenantId,
      deliveryId,
      event.type,
      event.stage,
      event.message,
      event.details ? JSON.stringify(event.details) : null,
    ]);
  }

  async events(tenantId: string, deliveryId: string, afterSeq: number): Promise<DeliveryEvent[]> {
    const rows = (await this.db.query(
      `SELECT seq, type, stage, message, details, created_at FROM delivery_event WHERE tenant_id = $1 AND delivery_id = $2 AND seq > $3 ORDER BY seq LIMIT 500`,
      [tenantId, deliveryId, afterSeq],
    )) as Array<{ seq: string; type: DeliveryEventType; stage: DeliveryStage; message: string; details: Record<string, unknown> | null; created_at: Date }>;
    return rows.map((r) => ({ seq: Number(r.seq), type: r.type, stage: r.stage, message: r.message, details: r.details, at: r.created_at.toISOString() }));
  }

  countUnfinished(tenantId: string): Promise<number> {
    return this.deliveries.countBy({ tenantId, stage: Not(In([DeliveryStage.AwaitingUpload, ...TERMINAL_STAGES])) });
  }
}
