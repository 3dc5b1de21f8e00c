import { Inject, Injectable, Logger } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { FsStorageBackend, OcflStore, S3StorageBackend, StorageBackend } from '@samarkiv/storage';
import { preservationConfig } from '../../platform/config/settings';
import { describeLocation, StorageLocationSpec } from '../../platform/config/storage-locations';
import { unknownLocation } from '../preservation.errors';

export interface StorageLocation {
  name: string;
  /** For logs and operators; never contains credentials. */
  description: string;
  store: OcflStore;
}

/**
 * The configured storage locations, each an OCFL storage root. Roots are opened (and declared
 * when empty) on first use, so that a location that is down fails the calls that need it, not the
 * start of every process.
 */
@Injectable()
export class StorageLocations {
  private readonly logger = new Logger('preservation');
  private readonly opened = new Map<string, Promise<StorageLocation>>();

  constructor(@Inject(preservationConfig.KEY) private readonly config: ConfigType<typeof preservationConfig>) {}

  names(): string[] {
    return this.config.locations.map((l) => l.name);
  }

  has(name: string): boolean {
    return this.config.locations.some((l) => l.name === name);
  }

  get(name: string): Promise<StorageLocation> {
    const spec = this.config.locations.find((l) => l.name === name);
    if (!spec) throw unknownLocation(name);
    let location = this.opened.get(name);
    if (!location) {
      location = this.open(spec);
      // A failed open (location unreachable) is retried by the next call.
      location.catch(() => this.opened.delete(name));
      this.opened.set(name, location);
    }
    return location;
  }

  /**
   * Opens the location again: re-declares the storage root if it was lost entirely (a wiped disk
   * about to be refilled by repair), or fails if it holds something that is not a storage root.
   */
  refresh(name: string): Promise<StorageLocation> {
    this.opened.delete(name);
    return this.get(name);
  }

  describe(name: string): string {
    const spec = this.config.locations.find((l) => l.name === name);
    if (!spec) throw unknownLocation(name);
    return describeLocation(spec);
  }

  private async open(spec: StorageLocationSpec): Promise<StorageLocation> {
    const store = await OcflStore.open(this.backend(spec));
    this.logger.log({ location: spec.name, at: describeLocation(spec) }, 'storage location opened');
    return { name: spec.name, description: describeLocation(spec), store };
  }

  private backend(spec: StorageLocationSpec): StorageBackend {
    if (spec.kind === 'file') return new FsStorageBackend(spec.path);
    return new S3StorageBackend({
      bucket: spec.bucket,
      prefix: spec.prefix,
      endpoint: spec.endpoint,
      region: spec.region,
      forcePathStyle: spec.forcePathStyle,
      credentials: this.config.s3Credentials,
    });
  }
}
