import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Action, RequestContext } from '../../platform/context';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryFinding } from '../domain/delivery-finding';
import { ReceiptBody } from '../domain/receipt';
import { ReceiptRepository } from '../infrastructure/receipt.repository';
import { ReceiptSigner } from '../infrastructure/receipt-signer';
import { deliveryNotFound, receiptNotReady } from '../ingest.errors';
import { DeliveryService } from './delivery.service';

export interface SignedReceipt {
  body: ReceiptBody;
  jws: string;
}

export type ReceiptAip = NonNullable<ReceiptBody['aip']>;

/** Issues the one signed receipt of a delivery (inside the pipeline's final transaction) and hands it out. */
@Injectable()
export class ReceiptService {
  constructor(
    private readonly receipts: ReceiptRepository,
    private readonly signer: ReceiptSigner,
    private readonly deliveries: DeliveryService,
    private readonly audit: AuditFacade,
  ) {}

  async issue(
    tx: EntityManager,
    delivery: DeliveryEntity,
    outcome: 'accepted' | 'rejected',
    findings: readonly DeliveryFinding[],
    sip: ReceiptBody['sip'],
    aip: ReceiptAip | null,
  ): Promise<void> {
    const body: ReceiptBody = {
      receiptId: randomUUID(),
      deliveryId: delivery.id,
      tenantId: delivery.tenantId,
      outcome,
      issuedAt: new Date().toISOString(),
      informationTypeId: delivery.informationTypeId,
      sourceSystem: delivery.sourceSystem,
      submissionAgreement: delivery.submissionAgreement,
      sip,
      aip,
      findings: findings.filter((f) => f.severity !== 'info').map((f) => ({ ...f, puid: f.puid ?? null })),
    };
    const jws = await this.signer.sign(JSON.stringify(body));
    await this.receipts.insertOnce(tx, { tenantId: delivery.tenantId, deliveryId: delivery.id, id: body.receiptId, outcome, body, jws });
  }

  /** Producers with the deliver or receipts scope, and archivists of the type, read receipts. */
  async get(ctx: RequestContext, deliveryId: string): Promise<SignedReceipt> {
    const delivery = await this.deliveries.readable(ctx, deliveryId);
    const typed = { tenantId: delivery.tenantId, informationTypeId: delivery.informationTypeId };
    if (!ctx.can(Action.ReceiptRead, typed) && !ctx.can(Action.DeliveryCreate, typed)) throw deliveryNotFound();
    const receipt = await this.receipts.find(delivery.tenantId, delivery.id);
    if (!receipt) throw receiptNotReady();
    await this.audit.record(ctx, { action: AuditAction.Deliver, tenantId: delivery.tenantId, informationTypeId: delivery.informationTypeId, details: { deliveryId, step: 'receipt-read' } });
    return { body: receipt.body, jws: receipt.jws };
  }

  jwks() {
    return this.signer.jwks();
  }
}
