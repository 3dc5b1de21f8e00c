import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { HealthIndicatorService } from '@nestjs/terminus';
import { mkdir, rm, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { storageConfig } from '../config/settings';

/** The storage root must exist, be writable, and have free space. */
@Injectable()
export class StorageHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(storageConfig.KEY) private readonly storage: ConfigType<typeof storageConfig>,
  ) {}

  async check(key = 'storage') {
    const check = this.indicator.check(key);
    try {
      await mkdir(this.storage.root, { recursive: true });
      const probe = join(this.storage.root, `.health-${process.pid}`);
      await writeFile(probe, 'ok');
      await rm(probe);
      const fs = await statfs(this.storage.root);
      const freeBytes = fs.bavail * fs.bsize;
      return check.up({ freeBytes });
    } catch (err) {
      return check.down({ message: (err as NodeJS.ErrnoException).code ?? 'storage check failed' });
    }
  }
}
