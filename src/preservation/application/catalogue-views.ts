import { Injectable, Logger } from '@nestjs/common';
import { DigestAlgorithm, MultiHasher, parseDigestAlgorithm } from '@samarkiv/fixity';
import { logicalState, OcflInventory, StorageError, StorageErrorCode } from '@samarkiv/storage';
import { Readable, Transform } from 'node:stream';
import { LogicalFile, StoredObject } from '../domain/stored-object';
import { CatalogueRepository } from '../infrastructure/catalogue.repository';
import { StorageLocation, StorageLocations } from '../infrastructure/storage-locations';
import { fileNotFound, objectDamaged, objectNotFound } from '../preservation.errors';
import { StoragePolicyService } from './storage-policy.service';

export interface ReadOptions {
  /** Read from this location only (e.g. a rebuild reading one storage root). */
  location?: string;
  /** A version other than the head, e.g. `v1`. */
  version?: string;
}

/**
 * Reads objects. Catalogued objects are read from a verified copy; an object the catalogue does
 * not know (a rebuild from storage) from the first location that holds it. Every byte read is
 * checked against the inventory digest: a damaged file fails the read instead of being served.
 */
@Injectable()
export class CatalogueViews {
  private readonly logger = new Logger('preservation');

  constructor(
    private readonly catalogue: CatalogueRepository,
    private readonly locations: StorageLocations,
    private readonly policy: StoragePolicyService,
  ) {}

  async storedObject(tenantId: string, objectId: string): Promise<StoredObject> {
    const row = await this.catalogue.object(tenantId, objectId);
    if (!row || row.status === 'storing' || !row.head) throw objectNotFound();
    const copies = (await this.catalogue.copies(tenantId, objectId)).filter((c) => c.status === 'verified' && c.verifiedAt);
    return { objectId, version: row.head, fileCount: row.fileCount, totalBytes: row.totalBytes, copies: copies.map((c) => ({ location: c.location, verifiedAt: c.verifiedAt as Date })) };
  }

  async inventoryFromVerifiedCopy(tenantId: string, objectId: string, opts: ReadOptions = {}): Promise<OcflInventory> {
    const [loc] = await this.readableCopies(tenantId, objectId, opts);
    return loc.inventory;
  }

  async listFiles(tenantId: string, objectId: string, opts: ReadOptions = {}): Promise<LogicalFile[]> {
    const [{ location, inventory }] = await this.readableCopies(tenantId, objectId, opts);
    const known = await this.catalogue.files(tenantId, objectId);
    const state = logicalState(inventory, opts.version ?? inventory.head);
    const sizes = new Map<string, number>();
    const files: LogicalFile[] = [];
    for (const [logicalPath, digest] of [...state].sort(([a], [b]) => (a < b ? -1 : 1))) {
      let size = sizes.get(digest);
      if (size === undefined) {
        const contentPath = inventory.manifest[digest][0];
        size = known.get(contentPath)?.size ?? (await location.store.backend.stat(`${location.store.objectRoot(tenantId, objectId)}/${contentPath}`))?.size ?? 0;
        sizes.set(digest, size);
      }
      files.push({ logicalPath, size, digest });
    }
    return files;
  }

  async openFile(tenantId: string, objectId: string, logicalPath: string, opts: ReadOptions = {}): Promise<Readable> {
    return this.openFromCopies(tenantId, objectId, await this.readableCopies(tenantId, objectId, opts), logicalPath, opts);
  }

  /**
   * Several files of one object from one catalogue lookup and one inventory read per copy (a DIP
   * of many records from one AIP). Each stream must be consumed before the next is asked for.
   */
  async *openFiles(tenantId: string, objectId: string, logicalPaths: string[], opts: ReadOptions = {}): AsyncIterable<{ logicalPath: string; stream: Readable }> {
    const copies = await this.readableCopies(tenantId, objectId, opts);
    for (const logicalPath of logicalPaths) yield { logicalPath, stream: await this.openFromCopies(tenantId, objectId, copies, logicalPath, opts) };
  }

  private async openFromCopies(tenantId: string, objectId: string, copies: Array<{ location: StorageLocation; inventory: OcflInventory }>, logicalPath: string, opts: ReadOptions): Promise<Readable> {
    for (const { location, inventory } of copies) {
      const digest = logicalState(inventory, opts.version ?? inventory.head).get(logicalPath);
      if (!digest) throw fileNotFound();
      try {
        // The content path comes from the inventory already read: no second inventory read per file.
        const stream = await location.store.backend.getStream(`${location.store.objectRoot(tenantId, objectId)}/${inventory.manifest[digest][0]}`);
        const checked = verifying(inventory.digestAlgorithm, digest, () => this.logger.error({ objectId, location: location.name }, 'a read found content that differs from its digest'));
        stream.on('error', (e) => checked.destroy(e));
        return stream.pipe(checked);
      } catch (e) {
        if (!(e instanceof StorageError && e.code === StorageErrorCode.NotFound)) throw e;
        this.logger.error({ objectId, location: location.name }, 'a verified copy lacks a content file');
      }
    }
    throw objectDamaged(objectId);
  }

  /** Object ids of the tenant in a location (default: the first of its policy), read from storage itself. */
  async *listObjects(tenantId: string, location?: string): AsyncIterable<string> {
    const name = location ?? (await this.policy.locationsFor(tenantId))[0];
    const loc = await this.locations.get(name);
    yield* loc.store.listObjects(tenantId);
  }

  private async readableCopies(tenantId: string, objectId: string, opts: ReadOptions): Promise<Array<{ location: StorageLocation; inventory: OcflInventory }>> {
    const row = await this.catalogue.object(tenantId, objectId);
    let names: string[];
    if (opts.location) names = [opts.location];
    else if (row && row.status !== 'storing') {
      const verified = (await this.catalogue.copies(tenantId, objectId)).filter((c) => c.status === 'verified').map((c) => c.location);
      const order = await this.policy.locationsFor(tenantId);
      names = verified.sort((a, b) => rank(order, a) - rank(order, b));
      if (names.length === 0) throw objectDamaged(objectId);
    } else if (!row) names = await this.policy.locationsFor(tenantId);
    else throw objectNotFound();
    const result: Array<{ location: StorageLocation; inventory: OcflInventory }> = [];
    for (const name of names) {
      const location = await this.locations.get(name);
      try {
        result.push({ location, inventory: await location.store.inventory(tenantId, objectId) });
      } catch (e) {
        if (!(e instanceof StorageError && e.code === StorageErrorCode.NotFound)) throw e;
      }
    }
    if (result.length === 0) throw row ? objectDamaged(objectId) : objectNotFound();
    return result;
  }
}

const rank = (order: string[], name: string) => {
  const i = order.indexOf(name);
  return i < 0 ? order.length : i;
};

/** Passes bytes through and fails the stream at its end when they do not match the digest. */
function verifying(algorithm: string, digest: string, onMismatch: () => void): Transform {
  const alg = parseDigestAlgorithm(algorithm) as DigestAlgorithm;
  const hasher = new MultiHasher([alg]);
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      hasher.update(chunk);
      done(null, chunk);
    },
    flush(done) {
      if (hasher.digest().digests[alg] === digest.toLowerCase()) return done();
      onMismatch();
      done(new StorageError(StorageErrorCode.DigestMismatch, 'stored content differs from its digest'));
    },
  });
}
