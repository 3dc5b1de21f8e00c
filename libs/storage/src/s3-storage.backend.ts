import {
  ChecksumAlgorithm,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ClientConfig,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { HASH_CHUNK_BYTES, MultiHasher } from '@samarkiv/fixity';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { fixityAlgorithm } from './fs-copy';
import {
  ObjectTransaction,
  PutOptions,
  PutResult,
  RecoveryReport,
  StorageBackend,
  StoredEntry,
  TransactionOptions,
} from './storage.backend';
import { notFound, StorageError, StorageErrorCode } from './storage.errors';

export interface S3BackendOptions {
  bucket: string;
  /** Key prefix of the storage root inside the bucket, e.g. `ocfl/` (may be empty). */
  prefix?: string;
  endpoint?: string;
  region?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Path-style URLs: needed for MinIO, Ceph RGW and most on-premise endpoints. */
  forcePathStyle?: boolean;
  /** Checksum the SDK sends with every upload (part) for the server to verify. */
  checksumAlgorithm?: ChecksumAlgorithm;
  /** Files larger than one part go up as multipart uploads (minimum 5 MiB). */
  partSize?: number;
  queueSize?: number;
  /** An already configured client (tests, custom middleware); the options above then only name the bucket. */
  client?: S3Client;
}

const STAGING = '.staging/';

interface Marker {
  objectRoot: string;
  mode: TransactionOptions['mode'];
  newPrefix?: string;
  committing: boolean;
  finals?: Array<[string, string]>;
  deletes?: string[];
}

/**
 * S3-compatible location (AWS, Ceph RGW, MinIO). There is no rename, so transactions write in
 * place and commit by writing the inventory last; a marker under `.staging/` lets recover()
 * finish a commit that had begun or remove the keys of one that had not.
 */
export class S3StorageBackend extends StorageBackend {
  readonly client: S3Client;
  readonly bucket: string;
  readonly prefix: string;
  readonly checksumAlgorithm: ChecksumAlgorithm;
  readonly partSize: number;
  readonly queueSize: number;

  constructor(opts: S3BackendOptions) {
    super();
    this.bucket = opts.bucket;
    this.prefix = opts.prefix ?? '';
    this.checksumAlgorithm = opts.checksumAlgorithm ?? ChecksumAlgorithm.SHA256;
    this.partSize = opts.partSize ?? 64 * 1024 * 1024;
    this.queueSize = opts.queueSize ?? 4;
    const config: S3ClientConfig = {
      endpoint: opts.endpoint,
      region: opts.region ?? 'us-east-1',
      forcePathStyle: opts.forcePathStyle ?? false,
      credentials: opts.credentials,
    };
    this.client = opts.client ?? new S3Client(config);
  }

  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  k(key: string): string {
    return `${this.prefix}${key}`;
  }

  async getStream(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    try {
      const r = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.k(key), Range: range ? `bytes=${range.start}-${range.end ?? ''}` : undefined }),
      );
      return r.Body as Readable;
    } catch (e) {
      if (isNotFound(e)) throw notFound(key);
      throw e;
    }
  }

  async getBytes(key: string): Promise<Buffer | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.k(key) }));
      return Buffer.from(await (r.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async stat(key: string): Promise<StoredEntry | undefined> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.k(key) }));
      return { key, size: r.ContentLength ?? 0 };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredEntry> {
    yield* this.listRaw(prefix === '' ? '' : `${prefix}/`, true);
  }

  async putBytes(key: string, data: Buffer): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: this.k(key), Body: data, ChecksumAlgorithm: this.checksumAlgorithm, ContentLength: data.length }),
    );
  }

  async deleteFile(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.k(key) }));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const keys: string[] = [];
    for await (const e of this.listRaw(prefix === '' ? '' : `${prefix}/`, false)) keys.push(e.key);
    await this.deleteKeys(keys);
  }

  async deleteKeys(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((key) => ({ Key: this.k(key) })), Quiet: true } }));
    }
  }

  async begin(objectRoot: string, opts: TransactionOptions): Promise<ObjectTransaction> {
    const id = randomUUID();
    const marker: Marker = { objectRoot, mode: opts.mode, newPrefix: opts.newPrefix, committing: false };
    await this.putBytes(`${STAGING}${id}.json`, Buffer.from(JSON.stringify(marker)));
    return new S3ObjectTransaction(this, id, objectRoot, opts);
  }

  recover(): Promise<RecoveryReport> {
    return this.recoverWhere(() => true);
  }

  recoverObject(objectRoot: string): Promise<RecoveryReport> {
    return this.recoverWhere((m) => m.objectRoot === objectRoot);
  }

  private async recoverWhere(select: (marker: Marker) => boolean): Promise<RecoveryReport> {
    const report: RecoveryReport = { rolledForward: [], removed: [] };
    for await (const entry of this.listRaw(STAGING, false)) {
      const bytes = await this.getBytes(entry.key);
      if (!bytes) continue;
      const marker = JSON.parse(bytes.toString('utf8')) as Marker;
      if (!select(marker)) continue;
      if (marker.committing) {
        await this.finishCommit(marker);
        report.rolledForward.push(marker.objectRoot);
      } else if (marker.newPrefix !== undefined) {
        const prefix = marker.newPrefix === '' ? marker.objectRoot : `${marker.objectRoot}/${marker.newPrefix.replace(/\/$/, '')}`;
        await this.deletePrefix(prefix);
        report.removed.push(prefix);
      }
      await this.deleteFile(entry.key);
    }
    return report;
  }

  /** Idempotent second half of a commit: write the held-back files in order, then delete. */
  async finishCommit(marker: Marker): Promise<void> {
    for (const [key, b64] of marker.finals ?? []) await this.putBytes(`${marker.objectRoot}/${key}`, Buffer.from(b64, 'base64'));
    await this.deleteKeys(marker.deletes ?? []);
  }

  async upload(key: string, body: Readable | Buffer, size: number | undefined): Promise<void> {
    const params = { Bucket: this.bucket, Key: this.k(key), Body: body, ChecksumAlgorithm: this.checksumAlgorithm };
    // Upload buffers each part, so checksums travel as headers: streamed PutObject would use
    // aws-chunked trailers, which several S3-compatible servers store verbatim (caught by the size check below).
    await new Upload({ client: this.client, params, partSize: this.partSize, queueSize: this.queueSize, leavePartsOnError: false }).done();
    const stored = await this.stat(key);
    if (size !== undefined && stored?.size !== size) {
      throw new StorageError(StorageErrorCode.DigestMismatch, `stored size ${String(stored?.size)} differs from ${size}`);
    }
  }

  private async *listRaw(prefix: string, skipStaging: boolean): AsyncIterable<StoredEntry> {
    let token: string | undefined;
    do {
      const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.k(prefix), ContinuationToken: token }));
      for (const o of r.Contents ?? []) {
        const key = (o.Key as string).slice(this.prefix.length);
        if (skipStaging && key.startsWith(STAGING)) continue;
        yield { key, size: o.Size ?? 0 };
      }
      token = r.IsTruncated ? r.NextContinuationToken : undefined;
    } while (token);
  }
}

class S3ObjectTransaction extends ObjectTransaction {
  private readonly written = new Set<string>();
  private readonly kept = new Set<string>();
  private readonly finals = new Map<string, Buffer>();

  constructor(
    private readonly backend: S3StorageBackend,
    private readonly id: string,
    private readonly objectRoot: string,
    private readonly opts: TransactionOptions,
  ) {
    super();
  }

  async putFile(key: string, sourcePath: string, opts: PutOptions): Promise<PutResult> {
    const { size } = await stat(sourcePath);
    return this.putStream(key, createReadStream(sourcePath, { highWaterMark: HASH_CHUNK_BYTES }), { ...opts, expectedSize: opts.expectedSize ?? size });
  }

  async putStream(key: string, source: Readable, opts: PutOptions): Promise<PutResult> {
    const alg = fixityAlgorithm(opts.algorithm);
    const hasher = new MultiHasher([alg]);
    // A Transform rather than a 'data' listener: the upload may start reading only later.
    const hashing = new Transform({
      transform(chunk: Buffer, _enc, done) {
        hasher.update(chunk);
        done(null, chunk);
      },
    });
    source.on('error', (e) => hashing.destroy(e));
    this.written.add(key);
    await this.backend.upload(`${this.objectRoot}/${key}`, source.pipe(hashing), opts.expectedSize);
    const r = hasher.digest();
    const digest = r.digests[alg] as string;
    if (opts.expectedDigest && opts.expectedDigest.toLowerCase() !== digest) {
      throw new StorageError(StorageErrorCode.DigestMismatch, 'content digest differs from the expected digest');
    }
    return { size: r.size, digest };
  }

  async putBytes(key: string, data: Buffer): Promise<void> {
    if (this.opts.finalKeys.includes(key)) {
      this.finals.set(key, data);
      return;
    }
    this.written.add(key);
    await this.backend.putBytes(`${this.objectRoot}/${key}`, data);
  }

  async discard(key: string): Promise<void> {
    this.written.delete(key);
    await this.backend.deleteFile(`${this.objectRoot}/${key}`);
  }

  async keep(key: string): Promise<void> {
    this.kept.add(key);
  }

  async commit(): Promise<void> {
    const finals = this.opts.finalKeys.filter((k) => this.finals.has(k)).map((k) => [k, (this.finals.get(k) as Buffer).toString('base64')] as [string, string]);
    const deletes: string[] = [];
    if (this.opts.mode === 'replace') {
      for await (const e of this.backend.list(this.objectRoot)) {
        const rel = e.key.slice(this.objectRoot.length + 1);
        if (!this.written.has(rel) && !this.kept.has(rel) && !this.finals.has(rel)) deletes.push(e.key);
      }
    }
    const marker: Marker = { objectRoot: this.objectRoot, mode: this.opts.mode, committing: true, finals, deletes };
    const markerKey = `${STAGING}${this.id}.json`;
    await this.backend.putBytes(markerKey, Buffer.from(JSON.stringify(marker)));
    await this.backend.finishCommit(marker);
    await this.backend.deleteFile(markerKey);
  }

  async abort(): Promise<void> {
    const prefix = this.opts.newPrefix;
    if (prefix === '') await this.backend.deletePrefix(this.objectRoot);
    else if (prefix !== undefined) await this.backend.deletePrefix(`${this.objectRoot}/${prefix.replace(/\/$/, '')}`);
    await this.backend.deleteFile(`${STAGING}${this.id}.json`);
  }
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
}
