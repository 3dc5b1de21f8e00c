import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { createHmac, randomBytes } from 'node:crypto';
import { appConfig, authConfig } from '../../platform/config/settings';
import { Action, RequestContext } from '../../platform/context';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { DeliveryWebhookRepository } from '../infrastructure/delivery-webhook.repository';
import { ReceiptRepository } from '../infrastructure/receipt.repository';
import { webhookApiClientOnly, webhookInvalidUrl, webhookNotFound } from '../ingest.errors';
import { deliveryPath } from './delivery-view';

const TIMEOUT_MS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WebhookView {
  url: string;
  /** Returned only when the webhook is set: the key of the Samarkiv-Signature HMAC. */
  secret?: string;
  updatedAt?: string;
}

/** HMAC-SHA256 over "<unix seconds>.<body>", as `t=<seconds>,v1=<hex>` (the receiver recomputes it). */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * A producer's API client may register one webhook: when one of its deliveries is accepted,
 * rejected or fails, the archive posts the outcome and the signed receipt there, retrying with
 * backoff until the receiver answers 2xx.
 */
@Injectable()
export class DeliveryWebhookService {
  private readonly logger = new Logger('ingest');

  constructor(
    private readonly hooks: DeliveryWebhookRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly receipts: ReceiptRepository,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>,
  ) {}

  async set(ctx: RequestContext, url: string): Promise<WebhookView> {
    const { tenantId, clientId } = this.caller(ctx);
    this.checkUrl(url);
    const secret = randomBytes(32).toString('base64url');
    await this.hooks.upsert({ tenantId, apiClientId: clientId, url, secret });
    return { url, secret };
  }

  async get(ctx: RequestContext): Promise<WebhookView> {
    const { tenantId, clientId } = this.caller(ctx);
    const hook = await this.hooks.find(tenantId, clientId);
    if (!hook) throw webhookNotFound();
    return { url: hook.url, updatedAt: hook.updatedAt.toISOString() };
  }

  async remove(ctx: RequestContext): Promise<void> {
    const { tenantId, clientId } = this.caller(ctx);
    if (!(await this.hooks.remove(tenantId, clientId))) throw webhookNotFound();
  }

  /** The job: posts the outcome once it is final; a failed post throws so the queue retries it. */
  async notify(delivery: DeliveryEntity): Promise<{ sent: boolean; status?: number }> {
    if (!delivery.outcome || !UUID.test(delivery.createdBy)) return { sent: false };
    const hook = await this.hooks.find(delivery.tenantId, delivery.createdBy);
    if (!hook) return { sent: false };
    const receipt = await this.receipts.find(delivery.tenantId, delivery.id);
    const base = `${this.auth.publicBaseUrl}${deliveryPath(delivery.id)}`;
    const body = JSON.stringify({
      event: `delivery.${delivery.outcome}`,
      deliveryId: delivery.id,
      tenantId: delivery.tenantId,
      outcome: delivery.outcome,
      sipObjid: delivery.sipObjid,
      aipId: delivery.aipId,
      completedAt: delivery.completedAt?.toISOString() ?? null,
      links: { delivery: base, receipt: `${base}/receipt` },
      receipt: receipt ? { ...receipt.body, signature: receipt.jws } : null,
    });
    const timestamp = Math.floor(Date.now() / 1000);
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'samarkiv-event': `delivery.${delivery.outcome}`,
        'samarkiv-delivery': delivery.id,
        'samarkiv-signature': webhookSignature(hook.secret, timestamp, body),
      },
      body,
      // Redirects are not followed: the registered address is the only one that gets the receipt.
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (res.status < 200 || res.status >= 300) {
      this.logger.warn({ deliveryId: delivery.id, status: res.status }, 'webhook refused');
      throw new Error(`webhook answered ${res.status}`);
    }
    await this.deliveries.addEvent(delivery.tenantId, delivery.id, { type: 'notified', stage: delivery.stage, message: 'Outcome posted to the webhook', details: { status: res.status } });
    return { sent: true, status: res.status };
  }

  private caller(ctx: RequestContext): { tenantId: string; clientId: string } {
    const tenantId = ctx.requireTenant();
    const principal = ctx.requirePrincipal();
    if (principal.kind !== 'api-client') throw webhookApiClientOnly();
    if (ctx.informationTypesFor(Action.DeliveryCreate).length === 0) ctx.requireAction(Action.DeliveryCreate, { tenantId });
    return { tenantId, clientId: principal.id };
  }

  private checkUrl(raw: string): void {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw webhookInvalidUrl('is not a URL');
    }
    if (url.username || url.password) throw webhookInvalidUrl('must not carry credentials');
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !this.app.production)) throw webhookInvalidUrl('must use https');
  }
}
