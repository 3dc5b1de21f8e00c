import { Injectable, Logger } from '@nestjs/common';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { RequestContext } from '../../platform/context';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { DeliveryService } from '../application/delivery.service';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryStage } from '../domain/delivery-stage';
import { DeliveryRepository } from '../infrastructure/delivery.repository';

const PURGE_BATCH = 200;

/**
 * A rejected package is kept, as delivered, in the tenant's quarantine area so that an archivist
 * can look at it with the producer; after the tenant's quarantine time it is purged.
 */
@Injectable()
export class QuarantineService {
  private readonly logger = new Logger('ingest');

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly deliveryService: DeliveryService,
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
  ) {}

  quarantineDir(tenantId: string, deliveryId: string): string {
    return join(this.tenancy.tenantAreaPath(tenantId, 'quarantine'), deliveryId);
  }

  /** Moves the upload of a rejected or failed delivery out of staging; repeating it is harmless. */
  async quarantine(delivery: DeliveryEntity): Promise<void> {
    const ws = this.deliveryService.workspace(delivery.tenantId, delivery.id);
    const target = this.quarantineDir(delivery.tenantId, delivery.id);
    if (await exists(ws.upload)) {
      await mkdir(target, { recursive: true, mode: 0o750 });
      await rename(ws.upload, join(target, 'sip.upload'));
    }
    await rm(ws.dir, { recursive: true, force: true });
  }

  /** Purges every quarantined package whose time is over; each purge is logged in its tenant's chain. */
  async purgeExpired(now = new Date()): Promise<{ purged: number }> {
    let purged = 0;
    for (;;) {
      const due = await this.deliveries.expiredQuarantine(now, PURGE_BATCH);
      if (due.length === 0) return { purged };
      for (const delivery of due) {
        await rm(this.quarantineDir(delivery.tenantId, delivery.id), { recursive: true, force: true });
        await this.deliveries.update(delivery.tenantId, delivery.id, { purgedAt: new Date() });
        await this.deliveries.addEvent(delivery.tenantId, delivery.id, { type: 'purged', stage: delivery.stage, message: 'Quarantined package purged' });
        const ctx = RequestContext.job(delivery.tenantId, `quarantine-purge-${delivery.id}`);
        await this.audit.record(ctx, { action: AuditAction.Deliver, tenantId: delivery.tenantId, informationTypeId: delivery.informationTypeId, details: { deliveryId: delivery.id, step: 'quarantine-purged' } });
        purged++;
      }
      this.logger.log({ purged }, 'quarantined packages purged');
    }
  }

  isQuarantinable(delivery: DeliveryEntity): boolean {
    return delivery.stage === DeliveryStage.Rejected || delivery.stage === DeliveryStage.Failed;
  }
}

const exists = (path: string) => stat(path).then(() => true, () => false);
