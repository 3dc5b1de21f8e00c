import { Injectable } from '@nestjs/common';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { validatePackage, ValidationResult } from '@samarkiv/information-package';
import { formatSettings } from '../../platform/config/settings';
import { Action, RequestContext } from '../../platform/context';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { emptyUpload, packageTooLarge, unsupportedMediaType } from '../ingest.errors';

const EXTENSIONS: Record<string, string> = {
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/x-tar': 'tar',
  'application/gzip': 'tar.gz',
  'application/x-gzip': 'tar.gz',
};

/**
 * The conformance check vendors and archivists run before delivering: the same validator as
 * ingest, on an uploaded package, in the tenant's staging area, which is emptied afterwards.
 */
@Injectable()
export class ValidationService {
  private readonly settings = formatSettings();

  constructor(
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
  ) {}

  async validateUpload(ctx: RequestContext, contentType: string | undefined, body: Readable): Promise<ValidationResult> {
    const tenantId = ctx.requireTenant();
    ctx.requireAction(Action.ValidationRun, { tenantId });
    const extension = EXTENSIONS[(contentType ?? '').split(';')[0].trim().toLowerCase()];
    if (!extension) throw unsupportedMediaType();
    const staging = this.tenancy.tenantAreaPath(tenantId, 'staging');
    await mkdir(staging, { recursive: true });
    const workDir = await mkdtemp(join(staging, 'validation-'));
    try {
      const file = join(workDir, `package.${extension}`);
      const size = await this.receive(body, file);
      if (size === 0) throw emptyUpload();
      const result = await validatePackage(file, { catalog: this.settings.schemaCatalog, stagingDir: workDir });
      await this.audit.record(ctx, {
        action: AuditAction.Validate,
        outcome: AuditOutcome.Success,
        tenantId,
        details: { bytes: size, valid: result.valid, kind: result.kind, version: result.version, errors: result.findings.filter((f) => f.severity === 'error').length },
      });
      return result;
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  }

  /**
   * Streams the body to disk and stops reading as soon as it passes the size limit. The request
   * stream is paused, not destroyed, so the 413 answer can still be sent (with Connection: close).
   */
  private receive(body: Readable, file: string): Promise<number> {
    const limit = this.settings.maxValidationUploadBytes;
    const out = createWriteStream(file, { flags: 'wx' });
    return new Promise<number>((resolve, reject) => {
      let size = 0;
      const fail = (err: Error) => {
        body.off('data', onData);
        body.pause();
        out.destroy();
        reject(err);
      };
      const onData = (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) return fail(packageTooLarge(limit));
        if (!out.write(chunk)) {
          body.pause();
          out.once('drain', () => body.resume());
        }
      };
      body.on('data', onData);
      body.once('error', fail);
      out.once('error', fail);
      body.once('end', () => out.end(() => resolve(size)));
    });
  }
}
