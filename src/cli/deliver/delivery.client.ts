import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Upload } from 'tus-js-client';

export interface DeliveryState {
  id: string;
  stage: string;
  outcome: 'accepted' | 'rejected' | 'failed' | null;
  upload: { url: string; length: number | null; receivedBytes: number };
  aipId: string | null;
  findings: Array<{ stage: string; code: string; severity: string; message: string; location: string; puid: string | null }>;
  links: { self: string; upload: string; events: string; receipt: string };
}

export interface DeliverOptions {
  url: string;
  token: string;
  informationType: string;
  sourceSystem: string;
  submissionAgreement?: string;
  /** Called with bytes sent / total while uploading, then with the pipeline stage. */
  onUploadProgress?: (sent: number, total: number) => void;
  onStage?: (stage: string) => void;
  pollMs?: number;
  chunkSize?: number;
}

/** An error the producer's side can fix or retry (network, HTTP refusal); exit code 2. */
export class DeliveryClientError extends Error {}

/**
 * A producer's delivery: announce (idempotent: the key derives from the package's SHA-256 and the
 * announcement, so running the command again after an interruption finds the same delivery),
 * upload with tus (resuming from the server's offset), then follow the pipeline to its outcome.
 */
export class DeliveryClient {
  constructor(private readonly options: DeliverOptions) {}

  async deliver(file: string): Promise<{ delivery: DeliveryState; receipt: unknown }> {
    const size = statSync(file).size;
    const sha256 = await sha256Of(file);
    const key = createHash('sha256').update(JSON.stringify([sha256, this.options.informationType, this.options.sourceSystem, this.options.submissionAgreement ?? null])).digest('hex');
    let delivery = await this.announce(size, sha256, key);
    if (delivery.stage === 'awaiting-upload') {
      await this.upload(file, size, delivery);
      delivery = await this.get(delivery.id);
    }
    delivery = await this.follow(delivery);
    const receipt = delivery.outcome === 'failed' ? null : await this.request('GET', delivery.links.receipt);
    return { delivery, receipt };
  }

  private announce(size: number, sha256: string, key: string): Promise<DeliveryState> {
    const body = {
      informationType: this.options.informationType,
      sourceSystem: this.options.sourceSystem,
      submissionAgreement: this.options.submissionAgreement,
      expectedSize: size,
      expectedChecksum: `sha256:${sha256}`,
    };
    return this.request('POST', '/api/v1/deliveries', body, { 'idempotency-key': key }) as Promise<DeliveryState>;
  }

  private upload(file: string, size: number, delivery: DeliveryState): Promise<void> {
    const endpoint = `${this.base()}${delivery.links.upload}`;
    return new Promise<void>((resolve, reject) => {
      const upload = new Upload(createReadStream(file), {
        endpoint,
        // An upload that was already created is resumed at the server's offset (HEAD, then PATCH).
        uploadUrl: delivery.upload.length !== null ? endpoint : undefined,
        uploadSize: size,
        // Small enough that one PATCH ends well within the server's request timeout on a slow link.
        chunkSize: this.options.chunkSize ?? 16 * 1024 * 1024,
        headers: { authorization: `Bearer ${this.options.token}` },
        retryDelays: [0, 1000, 3000, 5000, 10000],
        storeFingerprintForResuming: false,
        onProgress: (sent, total) => this.options.onUploadProgress?.(sent, total),
        onError: (err) => reject(new DeliveryClientError(`upload failed: ${err.message}`)),
        onSuccess: () => resolve(),
      });
      upload.start();
    });
  }

  private async follow(delivery: DeliveryState): Promise<DeliveryState> {
    let last = '';
    for (;;) {
      if (delivery.stage !== last) this.options.onStage?.(delivery.stage);
      last = delivery.stage;
      if (delivery.outcome) return delivery;
      await sleep(this.options.pollMs ?? 1000);
      delivery = await this.get(delivery.id);
    }
  }

  private get(id: string): Promise<DeliveryState> {
    return this.request('GET', `/api/v1/deliveries/${id}`) as Promise<DeliveryState>;
  }

  private base(): string {
    return this.options.url.replace(/\/+$/, '');
  }

  private async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(`${this.base()}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.options.token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch (err) {
      throw new DeliveryClientError(`cannot reach ${this.base()}: ${(err as Error).message}`);
    }
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        const parsed = JSON.parse(text) as { code?: string; message?: string };
        message = `${parsed.code ?? res.status}: ${parsed.message ?? text}`;
      } catch {
        // not JSON: keep the text
      }
      throw new DeliveryClientError(`${method} ${path} answered ${res.status} (${message})`);
    }
    return JSON.parse(text) as unknown;
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
