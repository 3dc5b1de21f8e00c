import { Injectable } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestContext } from '../../platform/context';
import { DeliveryEvent } from '../domain/delivery-event';
import { TERMINAL_STAGES } from '../domain/delivery-stage';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { DeliveryService } from './delivery.service';

const POLL_MS = 500;

/**
 * A delivery's history as a stream: what happened so far, then each new event as it comes,
 * ending once the delivery is accepted, rejected or failed. Polling the event table keeps it
 * working with any number of API and worker processes.
 */
@Injectable()
export class DeliveryEventsService {
  constructor(
    private readonly deliveries: DeliveryService,
    private readonly repository: DeliveryRepository,
  ) {}

  async *follow(ctx: RequestContext, deliveryId: string, afterSeq: number, signal: AbortSignal): AsyncGenerator<DeliveryEvent> {
    const delivery = await this.deliveries.readable(ctx, deliveryId);
    let seq = afterSeq;
    while (!signal.aborted) {
      const events = await this.repository.events(delivery.tenantId, delivery.id, seq);
      for (const event of events) {
        seq = event.seq;
        yield event;
      }
      if (events.length > 0) continue;
      const current = await this.repository.find(delivery.tenantId, delivery.id);
      // Terminal, and every event up to it was sent.
      if (!current || (TERMINAL_STAGES.has(current.stage) && (await this.repository.events(delivery.tenantId, delivery.id, seq)).length === 0)) return;
      await sleep(POLL_MS, undefined, { signal }).catch(() => undefined);
    }
  }
}
