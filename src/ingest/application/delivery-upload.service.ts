import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { Server, Upload } from '@tus/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, relative } from 'node:path';
import { storageConfig } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { GlobalExceptionFilter } from '../../platform/errors/global-exception.filter';
import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryRepository } from '../infrastructure/delivery.repository';
import { UploadFileStore } from '../infrastructure/upload-file-store';
import { packageTooLarge, stagingQuotaExceeded, uploadExists, uploadLengthRequired, uploadSizeMismatch } from '../ingest.errors';
import { DeliveryService } from './delivery.service';
import { IngestPolicyService } from './ingest-policy.service';
import { recordUploadDigest } from './upload-digest';

interface UploadRequest {
  ctx: RequestContext;
  delivery: DeliveryEntity;
}

/**
 * The tus 1.0 resumable-upload endpoint of a delivery (`/api/v1/deliveries/:id/upload`). The
 * caller is authenticated and the delivery found before tus sees the request; tus then stores the
 * bytes in the tenant's staging area (`tenants/<tenant>/staging/<delivery>/sip.upload`), where an
 * interrupted upload resumes from the last byte written (HEAD gives the offset, PATCH continues).
 * Locks are per process (tus MemoryLocker): one delivery is uploaded by one producer at a time.
 * The package's SHA-256 is taken as it arrives and recorded beside it for unpacking, and the bytes
 * are sent to disk as they arrive (UploadFileStore).
 */
@Injectable()
export class DeliveryUploadService {
  private readonly logger = new Logger('upload');
  private readonly requests = new WeakMap<IncomingMessage, UploadRequest>();
  private readonly errors = new GlobalExceptionFilter();
  private readonly tus: Server;
  private readonly store: UploadFileStore;
  private readonly tenantsDir: string;

  constructor(
    private readonly deliveries: DeliveryService,
    private readonly repository: DeliveryRepository,
    private readonly policies: IngestPolicyService,
    @Inject(storageConfig.KEY) storage: ConfigType<typeof storageConfig>,
  ) {
    this.tenantsDir = join(storage.root, 'tenants');
    this.store = new UploadFileStore({ directory: this.tenantsDir });
    this.tus = new Server({
      path: '/api/v1/deliveries',
      datastore: this.store,
      // One upload per delivery, named by the delivery: never a name the client chooses.
      namingFunction: (req) => this.fileId(req),
      getFileIdFromRequest: (req) => this.fileId(req),
      generateUrl: (req, { proto, host }) => `${proto}://${host}/api/v1/deliveries/${this.request(req).delivery.id}/upload`,
      onUploadCreate: async (req, res, upload: Upload) => {
        await this.claim(this.request(req).delivery, upload.sizeIsDeferred ? undefined : upload.size);
        return res;
      },
      onUploadFinish: async (req, res, upload: Upload) => {
        const { ctx, delivery } = this.request(req);
        const sha256 = this.store.takeDigest(upload.id, upload.offset);
        if (sha256) await recordUploadDigest(this.deliveries.workspace(delivery.tenantId, delivery.id), sha256);
        await this.deliveries.uploadFinished(ctx, delivery, upload.offset);
        return res;
      },
      onResponseError: (req, _res, err) => {
        if (!(err instanceof Error)) return undefined;
        const { status, body } = this.errors.toResponse(err, this.requests.get(req)?.ctx.correlationId ?? 'unknown');
        if (status === 500) this.logger.error({ error: err.name }, 'upload failed');
        return { status_code: status, body: JSON.stringify(body) };
      },
    });
  }

  /** Any tus request (POST creates, HEAD tells the offset, PATCH appends, DELETE abandons). */
  async handle(ctx: RequestContext, deliveryId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const delivery = await this.deliveries.uploadable(ctx, deliveryId);
    this.requests.set(req, { ctx, delivery });
    await this.tus.handle(req, res);
  }

  /** Size limits first, then the quota and the one-upload-per-delivery claim in one step. */
  private async claim(delivery: DeliveryEntity, length: number | undefined): Promise<void> {
    if (length === undefined) throw uploadLengthRequired();
    const policy = await this.policies.effective(delivery.tenantId);
    if (length > policy.maxPackageBytes) throw packageTooLarge(policy.maxPackageBytes);
    if (delivery.expectedSize !== null && delivery.expectedSize !== length) throw uploadSizeMismatch(delivery.expectedSize, length);
    const claimed = await this.repository.claimUpload(delivery.tenantId, delivery.id, length, policy.stagingQuotaBytes);
    if (claimed === 'over-quota') throw stagingQuotaExceeded(policy.stagingQuotaBytes);
    if (claimed === 'taken') throw uploadExists();
    await this.repository.addEvent(delivery.tenantId, delivery.id, { type: 'upload-started', stage: delivery.stage, message: `Upload of ${length} bytes started`, details: { length } });
  }

  private fileId(req: IncomingMessage): string {
    const { delivery } = this.request(req);
    return relative(this.tenantsDir, this.deliveries.workspace(delivery.tenantId, delivery.id).upload);
  }

  private request(req: IncomingMessage): UploadRequest {
    const found = this.requests.get(req);
    if (!found) throw new Error('upload request without a delivery');
    return found;
  }
}
