import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { waitFor } from './test-env';

/** What GET /api/v1/deliveries/:id answers (the parts tests look at). */
export interface DeliveryBody {
  id: string;
  stage: string;
  outcome: 'accepted' | 'rejected' | 'failed' | null;
  sipObjid: string | null;
  aipId: string | null;
  aipVersion: number | null;
  upload: { url: string; length: number | null; receivedBytes: number };
  findings: Array<{ stage: string; code: string; severity: string; message: string; location: string; puid: string | null }>;
  links: { self: string; upload: string; events: string; receipt: string };
}

/** A producer talking to the delivery API over HTTP with a bearer token. */
export class IngestHttpClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return { authorization: `Bearer ${this.token}`, ...extra };
  }

  announce(body: Record<string, unknown>, idempotencyKey?: string): Promise<Response> {
    return fetch(`${this.baseUrl}/api/v1/deliveries`, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/json', ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) }),
      body: JSON.stringify(body),
    });
  }

  async announceOk(body: Record<string, unknown>, idempotencyKey?: string): Promise<DeliveryBody> {
    const res = await this.announce(body, idempotencyKey);
    if (res.status !== 201 && res.status !== 200) throw new Error(`announce answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as DeliveryBody;
  }

  /** tus creation: POST with Upload-Length (and optionally the first bytes). */
  createUpload(delivery: DeliveryBody, length: number): Promise<Response> {
    return fetch(`${this.baseUrl}${delivery.links.upload}`, {
      method: 'POST',
      headers: this.headers({ 'tus-resumable': '1.0.0', 'upload-length': String(length), 'upload-metadata': `filename ${Buffer.from('package').toString('base64')}` }),
    });
  }

  offset(delivery: DeliveryBody): Promise<Response> {
    return fetch(`${this.baseUrl}${delivery.links.upload}`, { method: 'HEAD', headers: this.headers({ 'tus-resumable': '1.0.0' }) });
  }

  patch(delivery: DeliveryBody, offset: number, chunk: Buffer, signal?: AbortSignal): Promise<Response> {
    return fetch(`${this.baseUrl}${delivery.links.upload}`, {
      method: 'PATCH',
      headers: this.headers({ 'tus-resumable': '1.0.0', 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' }),
      // With lib.dom in the program (preact's JSX types), fetch wants an ArrayBuffer-backed body.
      body: chunk as Uint8Array<ArrayBuffer>,
      signal,
    });
  }

  async uploadAll(delivery: DeliveryBody, data: Buffer): Promise<void> {
    const created = await this.createUpload(delivery, data.length);
    if (created.status !== 201) throw new Error(`tus creation answered ${created.status}: ${await created.text()}`);
    const done = await this.patch(delivery, 0, data);
    if (done.status !== 204) throw new Error(`tus PATCH answered ${done.status}: ${await done.text()}`);
  }

  get(id: string): Promise<Response> {
    return fetch(`${this.baseUrl}/api/v1/deliveries/${id}`, { headers: this.headers() });
  }

  async getOk(id: string): Promise<DeliveryBody> {
    const res = await this.get(id);
    if (res.status !== 200) throw new Error(`GET delivery answered ${res.status}`);
    return (await res.json()) as DeliveryBody;
  }

  receipt(id: string, accept = 'application/json'): Promise<Response> {
    return fetch(`${this.baseUrl}/api/v1/deliveries/${id}/receipt`, { headers: this.headers({ accept }) });
  }

  /** Waits until the pipeline is done with the delivery (accepted, rejected or failed). */
  waitForOutcome(id: string, timeoutMs = 180_000): Promise<DeliveryBody> {
    return waitFor(async () => {
      const d = await this.getOk(id);
      if (!d.outcome) await sleep(250);
      return d.outcome ? d : undefined;
    }, timeoutMs);
  }

  /** Announce, upload in one PATCH, and wait for the outcome. */
  async deliver(file: string | Buffer, announcement: Record<string, unknown>): Promise<DeliveryBody> {
    const data = typeof file === 'string' ? readFileSync(file) : file;
    const delivery = await this.announceOk(announcement);
    await this.uploadAll(delivery, data);
    return this.waitForOutcome(delivery.id);
  }
}
