import { Readable } from 'node:stream';
import { OcflDigestAlgorithm } from './ocfl.constants';

export interface StoredEntry {
  /** Key relative to the storage root, `/`-separated. */
  key: string;
  size: number;
}

export interface PutOptions {
  algorithm: OcflDigestAlgorithm;
  /** A digest the caller already computed: the copy then skips hashing (each byte hashed once on ingest). */
  expectedDigest?: string;
  expectedSize?: number;
  /** With `expectedDigest`: take the source over by a hard link where the backend can (see IngestFile.adopt). */
  link?: boolean;
}

export interface PutResult {
  size: number;
  digest: string;
  /** The source was hard-linked, not copied: its digest is the caller's, not re-computed. */
  linked?: boolean;
}

export type TransactionMode =
  /** A new object root; nothing is visible until commit. */
  | 'create'
  /** New files in a new version directory of an existing object, then the root inventory. */
  | 'update'
  /** The object is rebuilt (purge): files not written or kept disappear at commit. */
  | 'replace';

export interface TransactionOptions {
  mode: TransactionMode;
  /**
   * Small files written last, in this order, as the commit point (the inventory sidecar and
   * inventory). Readers treat an object root without `inventory.json` as absent.
   */
  finalKeys: string[];
  /**
   * Keys under this prefix (relative to the object root, '' = the whole root) are new in this
   * transaction; backends that write in place remove them when the transaction is abandoned.
   */
  newPrefix?: string;
}

/**
 * Writes to one object root. Keys are relative to the object root. Nothing is observable by
 * readers before `commit()`; after a crash, `StorageBackend.recover()` either rolls the
 * transaction forward (commit had begun) or removes its leftovers.
 */
export abstract class ObjectTransaction {
  abstract putFile(key: string, sourcePath: string, opts: PutOptions): Promise<PutResult>;
  abstract putStream(key: string, source: Readable, opts: PutOptions): Promise<PutResult>;
  /** Small files (inventories, namaste); keys listed in `finalKeys` are held back until commit. */
  abstract putBytes(key: string, data: Buffer): Promise<void>;
  /** Drops a file written earlier in this transaction (content found to be a duplicate). */
  abstract discard(key: string): Promise<void>;
  /** 'replace' only: carry an existing file of the object over unchanged. */
  abstract keep(key: string): Promise<void>;
  abstract commit(): Promise<void>;
  abstract abort(): Promise<void>;
}

export interface RecoveryReport {
  rolledForward: string[];
  removed: string[];
}

/** Port for archival storage locations; the abstract class doubles as the DI token. */
export abstract class StorageBackend {
  /** Human-readable location, e.g. `file:///srv/ocfl` or `s3://bucket/prefix`; never contains secrets. */
  abstract readonly location: string;

  abstract getStream(key: string, range?: { start: number; end?: number }): Promise<Readable>;
  abstract getBytes(key: string): Promise<Buffer | undefined>;
  abstract stat(key: string): Promise<StoredEntry | undefined>;
  /** Every file below a prefix (recursive), excluding the backend's own staging area. */
  abstract list(prefix: string): AsyncIterable<StoredEntry>;
  /**
   * Names of the directories directly below a prefix, excluding staging, where the backend can
   * list them without listing the files below (filesystems). Lets object listings skip content.
   */
  listDirectories?(prefix: string): AsyncIterable<string>;
  /** Writes a small file atomically outside any object (storage root declarations). */
  abstract putBytes(key: string, data: Buffer): Promise<void>;
  abstract deleteFile(key: string): Promise<void>;
  abstract deletePrefix(prefix: string): Promise<void>;
  abstract begin(objectRoot: string, opts: TransactionOptions): Promise<ObjectTransaction>;
  /**
   * Rolls forward or removes interrupted transactions of every object. Only safe while no other
   * process writes to this location (it cannot tell their transactions from dead ones).
   */
  abstract recover(): Promise<RecoveryReport>;
  /**
   * Finishes (or, where the backend writes in place, removes) the interrupted transactions of one
   * object root; safe while other objects are being written, as long as the caller is this
   * object's only writer.
   */
  abstract recoverObject(objectRoot: string): Promise<RecoveryReport>;
  /**
   * A local path for a key when the backend is a filesystem: lets audits use the sync fast
   * path for small files.
   */
  localPath(_key: string): string | undefined {
    return undefined;
  }
}
