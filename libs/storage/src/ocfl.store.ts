import { Readable } from 'node:stream';
import { HashedNTupleLayout } from './hashed-n-tuple.layout';
import { IngestFile, suppliedDigest } from './ingest-file';
import { INVENTORY_FILE, OBJECT_NAMASTE, OBJECT_NAMASTE_CONTENT, OcflDigestAlgorithm, sidecarName } from './ocfl.constants';
import {
  assertLogicalPath,
  contentDirectoryOf,
  emptyInventory,
  inventoryAtVersion,
  logicalState,
  OcflInventory,
  serializeInventory,
  stateFromLogical,
  toVersion,
  VersionMeta,
  versionName,
  versionNumber,
} from './ocfl-inventory';
import { parseObjectId } from './ocfl-object-id';
import { validateOcflObject, ValidationReport } from './ocfl.validator';
import { openStorageRoot } from './storage-root';
import { hashStored } from './stored-file-hash';
import { ObjectTransaction, RecoveryReport, StorageBackend } from './storage.backend';
import { notFound, StorageError, StorageErrorCode } from './storage.errors';

export interface OcflStoreOptions {
  /** sha512 is OCFL's recommendation and our standard; sha256 is allowed (faster with SHA-NI). */
  digestAlgorithm?: OcflDigestAlgorithm;
  layout?: HashedNTupleLayout;
}

export interface VersionChanges {
  add?: IngestFile[];
  remove?: string[];
}

/** One content file written by a version (duplicates of content already stored are not reported). */
export interface StoredContent {
  contentPath: string;
  digest: string;
  size: number;
  /** Hard-linked from an adopted source (IngestFile.adopt): its digest is the caller's. */
  linked?: boolean;
}

export interface WriteOptions {
  /** Called for each content file written, e.g. to catalogue sizes without another stat. */
  onContent?: (content: StoredContent) => void;
}

/**
 * OCFL 1.1 objects over one storage location. Every call names the tenant first; an object of
 * another tenant is reported as not found, never as forbidden.
 */
export class OcflStore {
  private constructor(
    readonly backend: StorageBackend,
    readonly layout: HashedNTupleLayout,
    readonly digestAlgorithm: OcflDigestAlgorithm,
  ) {}

  static async open(backend: StorageBackend, opts: OcflStoreOptions = {}): Promise<OcflStore> {
    const layout = await openStorageRoot(backend, opts.layout?.config);
    return new OcflStore(backend, layout, opts.digestAlgorithm ?? 'sha512');
  }

  get location(): string {
    return this.backend.location;
  }

  objectRoot(tenantId: string, id: string): string {
    this.checkTenant(tenantId, id);
    return this.layout.objectRoot(id);
  }

  async exists(tenantId: string, id: string): Promise<boolean> {
    return (await this.backend.stat(`${this.objectRoot(tenantId, id)}/${INVENTORY_FILE}`)) !== undefined;
  }

  async inventory(tenantId: string, id: string): Promise<OcflInventory> {
    const bytes = await this.backend.getBytes(`${this.objectRoot(tenantId, id)}/${INVENTORY_FILE}`);
    if (!bytes) throw notFound('object');
    const inv = JSON.parse(bytes.toString('utf8')) as OcflInventory;
    // Guards against a hash collision or a copied object root: the stored id must match.
    if (inv.id !== id) throw notFound('object');
    return inv;
  }

  async createObject(tenantId: string, id: string, files: IngestFile[], meta: VersionMeta, opts: WriteOptions = {}): Promise<OcflInventory> {
    const root = this.objectRoot(tenantId, id);
    if (await this.exists(tenantId, id)) throw new StorageError(StorageErrorCode.AlreadyExists, 'object already exists');
    const inv = emptyInventory(id, this.digestAlgorithm);
    const tx = await this.backend.begin(root, { mode: 'create', finalKeys: this.rootInventoryKeys(), newPrefix: '' });
    return this.writeVersion(tx, inv, new Map(), { add: files }, meta, opts, async () => {
      await tx.putBytes(OBJECT_NAMASTE, Buffer.from(OBJECT_NAMASTE_CONTENT, 'utf8'));
    });
  }

  async addVersion(tenantId: string, id: string, changes: VersionChanges, meta: VersionMeta, opts: WriteOptions = {}): Promise<OcflInventory> {
    const inv = await this.inventory(tenantId, id);
    const tx = await this.backend.begin(this.objectRoot(tenantId, id), { mode: 'update', finalKeys: this.rootInventoryKeys(), newPrefix: `${versionName(versionNumber(inv.head) + 1)}/` });
    return this.writeVersion(tx, structuredClone(inv), logicalState(inv), changes, meta, opts);
  }

  async readFile(tenantId: string, id: string, logicalPath: string, version?: string): Promise<Readable> {
    const inv = await this.inventory(tenantId, id);
    const digest = logicalState(inv, version ?? inv.head).get(logicalPath);
    if (!digest) throw notFound('file');
    return this.backend.getStream(`${this.layout.objectRoot(id)}/${inv.manifest[digest][0]}`);
  }

  /**
   * Object ids in this location, optionally for one tenant only. On a filesystem only the tuple
   * directories are walked, never the content below object roots; S3 has no such listing that
   * every S3-compatible server gets right for nested keys, so its keys are listed in full.
   */
  async *listObjects(tenantId?: string): AsyncIterable<string> {
    for await (const root of this.objectRootCandidates()) {
      const bytes = await this.backend.getBytes(`${root}/${INVENTORY_FILE}`);
      if (!bytes) continue;
      const { id } = JSON.parse(bytes.toString('utf8')) as { id: string };
      if (tenantId === undefined || parseObjectId(id).tenantId === tenantId) yield id;
    }
  }

  private async *objectRootCandidates(): AsyncIterable<string> {
    const depth = this.layout.depth;
    if (this.backend.listDirectories) {
      yield* this.walkDirectories('', depth);
      return;
    }
    for await (const entry of this.backend.list('')) {
      const parts = entry.key.split('/');
      if (parts.length === depth + 1 && parts[depth] === INVENTORY_FILE) yield parts.slice(0, depth).join('/');
    }
  }

  private async *walkDirectories(prefix: string, levels: number): AsyncIterable<string> {
    for await (const name of (this.backend.listDirectories as (p: string) => AsyncIterable<string>).call(this.backend, prefix)) {
      // Tuple and object directories are lowercase hex; this skips `extensions/` and the like.
      if (!/^[0-9a-f]+$/.test(name)) continue;
      const path = prefix === '' ? name : `${prefix}/${name}`;
      if (levels === 1) yield path;
      else yield* this.walkDirectories(path, levels - 1);
    }
  }

  /** Full OCFL validation including re-hashing every content file against the manifest. */
  async verifyObject(tenantId: string, id: string): Promise<ValidationReport> {
    const root = this.objectRoot(tenantId, id);
    return validateOcflObject(this.backend, root, { expectedId: id });
  }

  /**
   * Destroys content (disposal, journal destruction): removes the logical paths from every
   * version, drops content no longer referenced and records the purge as a new version. This
   * deliberately breaks OCFL immutability; the catalogue keeps the tombstone.
   */
  async purgeContent(tenantId: string, id: string, logicalPaths: string[], meta: VersionMeta): Promise<OcflInventory> {
    const old = await this.inventory(tenantId, id);
    const root = this.objectRoot(tenantId, id);
    const purge = new Set(logicalPaths);
    const inv = structuredClone(old);
    let found = 0;
    for (const v of Object.values(inv.versions)) {
      const state = new Map([...Object.entries(v.state)].flatMap(([d, ps]) => ps.map((p) => [p, d] as const)));
      for (const p of purge) if (state.delete(p)) found++;
      v.state = stateFromLogical(state);
    }
    if (found === 0) throw notFound('file');
    const n = versionNumber(inv.head) + 1;
    inv.versions[versionName(n)] = toVersion(meta, inv.versions[inv.head].state);
    inv.head = versionName(n);
    const referenced = new Set(Object.values(inv.versions).flatMap((v) => Object.keys(v.state)));
    for (const digest of Object.keys(inv.manifest)) if (!referenced.has(digest)) delete inv.manifest[digest];
    if (inv.fixity) {
      for (const block of Object.values(inv.fixity)) {
        const kept = new Set(Object.values(inv.manifest).flat());
        for (const [d, ps] of Object.entries(block)) {
          const left = ps.filter((p) => kept.has(p));
          if (left.length) block[d] = left;
          else delete block[d];
        }
      }
    }
    const versionKeys = Object.keys(inv.versions).flatMap((v) => [`${v}/${sidecarName(inv.digestAlgorithm)}`, `${v}/${INVENTORY_FILE}`]);
    const tx = await this.backend.begin(root, { mode: 'replace', finalKeys: [...versionKeys, ...this.rootInventoryKeys()] });
    try {
      await tx.putBytes(OBJECT_NAMASTE, Buffer.from(OBJECT_NAMASTE_CONTENT, 'utf8'));
      for (const p of Object.values(inv.manifest).flat()) await tx.keep(p);
      for (let k = 1; k <= n; k++) await this.putInventory(tx, inventoryAtVersion(inv, k), `${versionName(k)}/`);
      await this.putInventory(tx, inv, '');
      await tx.commit();
    } catch (e) {
      await tx.abort();
      throw e;
    }
    return inv;
  }

  async deleteObject(tenantId: string, id: string): Promise<void> {
    const root = this.objectRoot(tenantId, id);
    await this.inventory(tenantId, id);
    // Inventory first: an object without it no longer exists for readers, even if the rest lingers.
    await this.backend.deleteFile(`${root}/${INVENTORY_FILE}`);
    await this.backend.deletePrefix(root);
  }

  /**
   * Copies (or repairs) an object into another location, verifying every content file against
   * the manifest while streaming; a damaged source aborts the copy and leaves the target as it was.
   */
  async copyObjectTo(target: OcflStore, tenantId: string, id: string): Promise<OcflInventory> {
    const inv = await this.inventory(tenantId, id);
    const root = this.objectRoot(tenantId, id);
    const targetRoot = target.objectRoot(tenantId, id);
    const mode = (await target.backend.stat(`${targetRoot}/${INVENTORY_FILE}`)) || (await hasAny(target.backend, targetRoot)) ? 'replace' : 'create';
    const sidecar = sidecarName(inv.digestAlgorithm);
    const versionKeys = Object.keys(inv.versions).flatMap((v) => [`${v}/${sidecar}`, `${v}/${INVENTORY_FILE}`]);
    const tx = await target.backend.begin(targetRoot, { mode, finalKeys: [...versionKeys, sidecar, INVENTORY_FILE], newPrefix: mode === 'create' ? '' : undefined });
    try {
      await tx.putBytes(OBJECT_NAMASTE, Buffer.from(OBJECT_NAMASTE_CONTENT, 'utf8'));
      for (const [digest, paths] of Object.entries(inv.manifest)) {
        for (const p of paths) {
          // Repair rewrites only what is damaged in the target; intact files stay untouched.
          if (mode === 'replace' && (await hashStored(target.backend, `${targetRoot}/${p}`, inv.digestAlgorithm))?.digest === digest) {
            await tx.keep(p);
            continue;
          }
          const source = await this.backend.getStream(`${root}/${p}`);
          await tx.putStream(p, source, { algorithm: inv.digestAlgorithm, expectedDigest: digest });
        }
      }
      for (let k = 1; k <= versionNumber(inv.head); k++) await this.copyInventory(tx, `${root}/${versionName(k)}/`, `${versionName(k)}/`, sidecar);
      await this.copyInventory(tx, `${root}/`, '', sidecar);
      await tx.commit();
    } catch (e) {
      await tx.abort();
      throw e;
    }
    return inv;
  }

  recover(): Promise<RecoveryReport> {
    return this.backend.recover();
  }

  /** Finishes or removes interrupted writes of one object (the caller is its only writer). */
  recoverObject(tenantId: string, id: string): Promise<RecoveryReport> {
    return this.backend.recoverObject(this.objectRoot(tenantId, id));
  }

  /**
   * Removes everything under an object root, inventory or not: the leftovers of a write that was
   * never catalogued as stored. Inventory first, so readers never see a half-deleted object.
   */
  async removeObjectRoot(tenantId: string, id: string): Promise<void> {
    const root = this.objectRoot(tenantId, id);
    await this.backend.deleteFile(`${root}/${INVENTORY_FILE}`);
    await this.backend.deletePrefix(root);
  }

  private async copyInventory(tx: ObjectTransaction, from: string, to: string, sidecar: string): Promise<void> {
    for (const name of [sidecar, INVENTORY_FILE]) {
      const bytes = await this.backend.getBytes(`${from}${name}`);
      if (!bytes) throw new StorageError(StorageErrorCode.Corrupt, `source object lacks ${to}${name}`);
      await tx.putBytes(`${to}${name}`, bytes);
    }
  }

  private rootInventoryKeys(): string[] {
    return [sidecarName(this.digestAlgorithm), INVENTORY_FILE];
  }

  private async writeVersion(
    tx: ObjectTransaction,
    inv: OcflInventory,
    state: Map<string, string>,
    changes: VersionChanges,
    meta: VersionMeta,
    opts: WriteOptions,
    before?: () => Promise<void>,
  ): Promise<OcflInventory> {
    try {
      await before?.();
      const n = versionNumber(inv.head) + 1;
      const v = versionName(n);
      for (const p of changes.remove ?? []) if (!state.delete(p)) throw notFound('file');
      const added = new Set<string>();
      for (const file of changes.add ?? []) {
        assertLogicalPath(file.logicalPath);
        if (added.has(file.logicalPath)) throw new StorageError(StorageErrorCode.InvalidPath, `duplicate logical path ${file.logicalPath}`);
        added.add(file.logicalPath);
        state.set(file.logicalPath, await this.storeContent(tx, inv, v, file, opts));
      }
      inv.versions[v] = toVersion(meta, stateFromLogical(state));
      inv.head = v;
      await this.putInventory(tx, inv, `${v}/`);
      await this.putInventory(tx, inv, '');
      await tx.commit();
      return inv;
    } catch (e) {
      await tx.abort();
      throw e;
    }
  }

  /** Stores one file unless identical content is already in the object; returns its digest. */
  private async storeContent(tx: ObjectTransaction, inv: OcflInventory, version: string, file: IngestFile, write: WriteOptions): Promise<string> {
    const known = suppliedDigest(file, inv.digestAlgorithm);
    if (known && inv.manifest[known]) return known;
    const contentPath = `${version}/${contentDirectoryOf(inv)}/${file.logicalPath}`;
    const opts = { algorithm: inv.digestAlgorithm, expectedDigest: known, expectedSize: file.size, link: file.adopt };
    let result;
    if (file.sourcePath) result = await tx.putFile(contentPath, file.sourcePath, opts);
    else if (file.stream) result = await tx.putStream(contentPath, file.stream, opts);
    else throw new StorageError(StorageErrorCode.InvalidPath, `no source for ${file.logicalPath}`);
    if (inv.manifest[result.digest]) await tx.discard(contentPath);
    else {
      inv.manifest[result.digest] = [contentPath];
      write.onContent?.({ contentPath, digest: result.digest, size: result.size, linked: result.linked });
    }
    return result.digest;
  }

  private async putInventory(tx: ObjectTransaction, inv: OcflInventory, prefix: string): Promise<void> {
    const { json, sidecar } = serializeInventory(inv);
    await tx.putBytes(`${prefix}${INVENTORY_FILE}`, json);
    await tx.putBytes(`${prefix}${sidecarName(inv.digestAlgorithm)}`, sidecar);
  }

  private checkTenant(tenantId: string, id: string): void {
    let parsed;
    try {
      parsed = parseObjectId(id);
    } catch {
      throw notFound('object');
    }
    if (parsed.tenantId !== tenantId) throw notFound('object');
  }
}

async function hasAny(backend: StorageBackend, prefix: string): Promise<boolean> {
  for await (const _ of backend.list(prefix)) return true;
  return false;
}
