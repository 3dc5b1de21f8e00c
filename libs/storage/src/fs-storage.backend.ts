import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, readdirSync, rmdirSync } from 'node:fs';
import { link, mkdir, readFile, rename, rm, stat, unlink, writeFile, readdir } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { HASH_CHUNK_BYTES } from '@samarkiv/fixity';
import { copyAndHash, linkAdopted, streamAndHash } from './fs-copy';
import { fsyncPath, syncBatch } from './fs-durability';
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

/** Staging area inside the storage root, so renames never cross filesystems. */
export const STAGING_DIR = '.staging';

interface Journal {
  mode: TransactionOptions['mode'];
  objectRoot: string;
  finalKeys: string[];
}

export class FsStorageBackend extends StorageBackend {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  get location(): string {
    return `file://${this.root}`;
  }

  override localPath(key: string): string {
    return this.abs(key);
  }

  abs(key: string): string {
    if (key === '') return this.root;
    // Fast check first: abs() runs once per file in audits of many small files.
    if (key.includes('..') && key.split('/').some((s) => s === '..')) throw new StorageError(StorageErrorCode.InvalidPath, 'key escapes the storage root');
    return `${this.root}${sep}${key}`;
  }

  get stagingRoot(): string {
    return join(this.root, STAGING_DIR);
  }

  async getStream(key: string, range?: { start: number; end?: number }): Promise<Readable> {
    const path = this.abs(key);
    if (!(await this.stat(key))) throw notFound(key);
    return createReadStream(path, { highWaterMark: HASH_CHUNK_BYTES, start: range?.start, end: range?.end });
  }

  async getBytes(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.abs(key));
    } catch (e) {
      if (isEnoent(e)) return undefined;
      throw e;
    }
  }

  async stat(key: string): Promise<StoredEntry | undefined> {
    try {
      const s = await stat(this.abs(key));
      return s.isFile() ? { key, size: s.size } : undefined;
    } catch (e) {
      if (isEnoent(e)) return undefined;
      throw e;
    }
  }

  async *list(prefix: string): AsyncIterable<StoredEntry> {
    const base = this.abs(prefix);
    if (!existsSync(base)) return;
    const stack: string[] = [prefix];
    while (stack.length) {
      const dirKey = stack.pop() as string;
      const entries = readdirSync(this.abs(dirKey), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? 1 : -1));
      for (const e of entries) {
        if (dirKey === '' && e.name === STAGING_DIR) continue;
        const key = dirKey === '' ? e.name : `${dirKey}/${e.name}`;
        if (e.isDirectory()) stack.push(key);
        else if (e.isFile()) yield { key, size: lstatSync(this.abs(key)).size };
      }
    }
  }

  override async *listDirectories(prefix: string): AsyncIterable<string> {
    let entries;
    try {
      entries = await readdir(this.abs(prefix), { withFileTypes: true });
    } catch (e) {
      if (isEnoent(e)) return;
      throw e;
    }
    for (const e of entries) if (e.isDirectory() && !(prefix === '' && e.name === STAGING_DIR)) yield e.name;
  }

  async putBytes(key: string, data: Buffer): Promise<void> {
    await mkdir(this.stagingRoot, { recursive: true });
    const tmp = join(this.stagingRoot, `${randomUUID()}.tmp`);
    await writeFile(tmp, data);
    fsyncPath(tmp);
    const dest = this.abs(key);
    await mkdir(dirname(dest), { recursive: true });
    await rename(tmp, dest);
    fsyncPath(dirname(dest));
  }

  async deleteFile(key: string): Promise<void> {
    await rm(this.abs(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    const path = this.abs(prefix);
    await rm(path, { recursive: true, force: true });
    this.pruneEmptyParents(dirname(path));
  }

  async begin(objectRoot: string, opts: TransactionOptions): Promise<ObjectTransaction> {
    const id = randomUUID();
    const dir = join(this.stagingRoot, id);
    await mkdir(dir, { recursive: true });
    return new FsObjectTransaction(this, id, dir, objectRoot, opts);
  }

  async recover(): Promise<RecoveryReport> {
    const report: RecoveryReport = { rolledForward: [], removed: [] };
    if (!existsSync(this.stagingRoot)) return report;
    for (const name of await readdir(this.stagingRoot)) {
      if (!name.endsWith('.journal.json')) continue;
      const id = name.slice(0, -'.journal.json'.length);
      const journal = JSON.parse(await readFile(join(this.stagingRoot, name), 'utf8')) as Journal;
      await this.finishCommit(id, journal);
      report.rolledForward.push(journal.objectRoot);
    }
    for (const name of await readdir(this.stagingRoot)) {
      await rm(join(this.stagingRoot, name), { recursive: true, force: true });
      report.removed.push(`${STAGING_DIR}/${name}`);
    }
    fsyncPath(this.stagingRoot);
    return report;
  }

  /**
   * Rolls forward the journalled commits of one object root. Unjournalled staging directories are
   * invisible to readers whatever object they belong to; the next full recover() removes them.
   */
  async recoverObject(objectRoot: string): Promise<RecoveryReport> {
    const report: RecoveryReport = { rolledForward: [], removed: [] };
    if (!existsSync(this.stagingRoot)) return report;
    for (const name of await readdir(this.stagingRoot)) {
      if (!name.endsWith('.journal.json')) continue;
      const journal = await readFile(join(this.stagingRoot, name), 'utf8')
        .then((text) => JSON.parse(text) as Journal)
        .catch((e: unknown) => (isEnoent(e) ? undefined : Promise.reject(e)));
      if (journal?.objectRoot !== objectRoot) continue;
      await this.finishCommit(name.slice(0, -'.journal.json'.length), journal);
      report.rolledForward.push(objectRoot);
    }
    return report;
  }

  /** Everything after the journal is durable; idempotent so that recover() can repeat it. */
  async finishCommit(id: string, journal: Journal): Promise<void> {
    const staged = join(this.stagingRoot, id);
    const target = this.abs(journal.objectRoot);
    if (journal.mode === 'create') {
      if (existsSync(staged)) {
        await mkdir(dirname(target), { recursive: true });
        if (existsSync(target)) throw new StorageError(StorageErrorCode.AlreadyExists, `${journal.objectRoot} already exists`);
        await rename(staged, target);
        this.fsyncParents(target);
      }
    } else if (journal.mode === 'update') {
      if (existsSync(staged)) {
        const entries = (await readdir(staged)).filter((n) => !journal.finalKeys.includes(n));
        for (const name of entries) {
          if (!existsSync(join(target, name))) await rename(join(staged, name), join(target, name));
        }
        fsyncPath(target);
        for (const key of journal.finalKeys) {
          if (existsSync(join(staged, key))) await rename(join(staged, key), join(target, key));
        }
        fsyncPath(target);
      }
    } else {
      const old = join(this.stagingRoot, `${id}.old`);
      if (existsSync(staged)) {
        if (existsSync(target)) await rename(target, old);
        await rename(staged, target);
        fsyncPath(dirname(target));
      }
      await rm(old, { recursive: true, force: true });
    }
    await rm(staged, { recursive: true, force: true });
    await unlink(join(this.stagingRoot, `${id}.journal.json`)).catch(ignoreEnoent);
    fsyncPath(this.stagingRoot);
  }

  /** New tuple directories must be durable too, or the renamed object could vanish after power loss. */
  private fsyncParents(path: string): void {
    for (let d = dirname(path); d.startsWith(this.root); d = dirname(d)) {
      fsyncPath(d);
      if (d === this.root) break;
    }
  }

  private pruneEmptyParents(dir: string): void {
    while (dir.startsWith(this.root + sep) && dir !== this.root) {
      try {
        rmdirSync(dir);
      } catch {
        return;
      }
      dir = dirname(dir);
    }
  }
}

class FsObjectTransaction extends ObjectTransaction {
  private readonly files: string[] = [];
  private readonly dirs = new Set<string>();
  private readonly finals = new Map<string, Buffer>();

  constructor(
    private readonly backend: FsStorageBackend,
    private readonly id: string,
    private readonly dir: string,
    private readonly objectRoot: string,
    private readonly opts: TransactionOptions,
  ) {
    super();
    this.dirs.add(dir);
  }

  async putFile(key: string, sourcePath: string, opts: PutOptions): Promise<PutResult> {
    const dest = await this.prepare(key);
    const expectedDigest = opts.expectedDigest;
    return (opts.link && expectedDigest ? linkAdopted(sourcePath, dest, { ...opts, expectedDigest }) : undefined) ?? copyAndHash(sourcePath, dest, opts);
  }

  async putStream(key: string, source: Readable, opts: PutOptions): Promise<PutResult> {
    return streamAndHash(source, await this.prepare(key), opts);
  }

  async putBytes(key: string, data: Buffer): Promise<void> {
    if (this.opts.finalKeys.includes(key)) {
      this.finals.set(key, data);
      return;
    }
    await writeFile(await this.prepare(key), data, { flag: 'wx' });
  }

  async discard(key: string): Promise<void> {
    const path = this.staged(key);
    await unlink(path);
    this.files.splice(this.files.indexOf(path), 1);
  }

  async keep(key: string): Promise<void> {
    await link(this.backend.abs(`${this.objectRoot}/${key}`), await this.prepare(key));
  }

  async commit(): Promise<void> {
    for (const key of this.opts.finalKeys) {
      const data = this.finals.get(key);
      if (data) await writeFile(await this.prepare(key), data, { flag: 'wx' });
    }
    await syncBatch(this.files, [...this.dirs].sort((a, b) => b.length - a.length));
    const journal: Journal = { mode: this.opts.mode, objectRoot: this.objectRoot, finalKeys: this.opts.finalKeys };
    const journalPath = join(this.backend.stagingRoot, `${this.id}.journal.json`);
    await writeFile(journalPath, JSON.stringify(journal));
    fsyncPath(journalPath);
    fsyncPath(this.backend.stagingRoot);
    await this.backend.finishCommit(this.id, journal);
  }

  async abort(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }

  private staged(key: string): string {
    return join(this.dir, ...key.split('/'));
  }

  private async prepare(key: string): Promise<string> {
    if (key.split('/').some((s) => s === '' || s === '.' || s === '..')) {
      throw new StorageError(StorageErrorCode.InvalidPath, 'invalid key');
    }
    const path = this.staged(key);
    const parent = dirname(path);
    if (!this.dirs.has(parent)) {
      await mkdir(parent, { recursive: true });
      for (let d = parent; d.startsWith(this.dir) && !this.dirs.has(d); d = dirname(d)) this.dirs.add(d);
    }
    this.files.push(path);
    return path;
  }
}

function isEnoent(e: unknown): boolean {
  return (e as NodeJS.ErrnoException).code === 'ENOENT';
}

function ignoreEnoent(e: unknown): void {
  if (!isEnoent(e)) throw e;
}
