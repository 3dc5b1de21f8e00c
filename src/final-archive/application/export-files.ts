import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finalArchiveConfig } from '../../platform/config/settings';
import { RequestContext } from '../../platform/context';
import { ExportRepository } from '../infrastructure/export.repository';

/**
 * Where exports of transfers live on disk: `<export root>/<tenant>/<export id>/<package>.zip`.
 * They are derived files: purged after the configured days, and a package goes as soon as the
 * AIP it carries is destroyed.
 */
@Injectable()
export class ExportFiles {
  constructor(
    private readonly exports: ExportRepository,
    @Inject(finalArchiveConfig.KEY) private readonly config: ConfigType<typeof finalArchiveConfig>,
  ) {}

  dir(tenantId: string, exportId: string): string {
    return join(this.config.exportRoot, tenantId, exportId);
  }

  packagePath(tenantId: string, exportId: string, name: string): string {
    return join(this.dir(tenantId, exportId), name);
  }

  /** Deletes every export package that carries the AIP (its destruction reaches derived files). Safe to repeat. */
  async removePackagesOf(ctx: RequestContext, aipId: string): Promise<number> {
    const tenantId = ctx.requireTenant();
    const live = await this.exports.livePackagesOf(tenantId, aipId);
    for (const p of live) {
      await rm(this.packagePath(tenantId, p.exportId, p.name), { force: true });
      await this.exports.packageDeleted(tenantId, p.exportId, aipId);
    }
    return live.length;
  }

  /** Removes an export's folder and marks it purged. Safe to repeat. */
  async purge(tenantId: string, exportId: string): Promise<void> {
    await rm(this.dir(tenantId, exportId), { recursive: true, force: true });
    await this.exports.purged(tenantId, exportId);
  }
}
