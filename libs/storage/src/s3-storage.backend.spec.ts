import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import S3rver from 's3rver';
import { OcflStore } from './ocfl.store';
import { objectId } from './ocfl-object-id';
import { S3StorageBackend } from './s3-storage.backend';
import { StorageBackend } from './storage.backend';
import { describeStoreSuite, META, readAll, sha512 } from './testing/ocfl-store.suite';

/**
 * Runs over real HTTP against s3rver, or against any S3 endpoint named by
 * SAMARKIV_TEST_S3_ENDPOINT (+ _ACCESS_KEY, _SECRET_KEY, _BUCKET, _REGION; the bucket must exist).
 */
// Real I/O (HTTP, fsync) can be slow on a busy CI machine.
jest.setTimeout(60_000);

const external = process.env.SAMARKIV_TEST_S3_ENDPOINT;
const dir = mkdtempSync(join(tmpdir(), 's3rver-'));
let server: S3rver | undefined;
let endpoint = external ?? '';
const bucket = process.env.SAMARKIV_TEST_S3_BUCKET ?? 'samarkiv-test';
const credentials = {
  accessKeyId: process.env.SAMARKIV_TEST_S3_ACCESS_KEY ?? 'S3RVER',
  secretAccessKey: process.env.SAMARKIV_TEST_S3_SECRET_KEY ?? 'S3RVER',
};
const checksumHeaders: string[] = [];

function client(): S3Client {
  const c = new S3Client({ endpoint, region: process.env.SAMARKIV_TEST_S3_REGION ?? 'us-east-1', forcePathStyle: true, credentials });
  c.middlewareStack.add(
    (next) => async (args) => {
      const headers = (args.request as { headers?: Record<string, string> }).headers ?? {};
      checksumHeaders.push(...Object.keys(headers).filter((h) => h.startsWith('x-amz-checksum-') || h === 'x-amz-sdk-checksum-algorithm'));
      return next(args);
    },
    { step: 'finalizeRequest', name: 'recordChecksumHeaders' },
  );
  return c;
}

function backend(): S3StorageBackend {
  const partSize = 5 * 1024 * 1024;
  return new S3StorageBackend({ bucket, prefix: `test-${randomUUID()}/`, client: client(), partSize });
}

beforeAll(async () => {
  if (!external) {
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: dir });
    const { port } = (await server.run()) as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
    await client().send(new CreateBucketCommand({ Bucket: bucket }));
  }
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function rawBytes(b: StorageBackend): Promise<Buffer> {
  const s3 = b as S3StorageBackend;
  const parts: Buffer[] = [];
  for await (const e of (async function* () {
    yield* s3.list('');
    yield* s3.list('.staging');
  })()) {
    parts.push(Buffer.from(e.key), (await s3.getBytes(e.key)) ?? Buffer.alloc(0));
  }
  return Buffer.concat(parts);
}

describeStoreSuite({
  name: 's3',
  make: async () => backend(),
  async tamper(b, key, data) {
    if (data) await b.putBytes(key, data);
    else await b.deleteFile(key);
  },
  rawBytes,
});

describe('S3 specifics', () => {
  const src = mkdtempSync(join(tmpdir(), 's3-src-'));
  afterAll(() => rmSync(src, { recursive: true, force: true }));

  it('uploads large files as multipart with checksums the server verifies', async () => {
    const data = randomBytes(12 * 1024 * 1024 + 17);
    const path = join(src, 'big.bin');
    writeFileSync(path, data);
    const store = await OcflStore.open(backend());
    const id = objectId('region-a', 'aip', 'big');
    checksumHeaders.length = 0;
    const inv = await store.createObject('region-a', id, [{ logicalPath: 'big.bin', sourcePath: path }], META);
    expect(inv.manifest[sha512(data)]).toEqual(['v1/content/big.bin']);
    expect(checksumHeaders).toContain('x-amz-checksum-sha256');
    expect((await readAll(await store.readFile('region-a', id, 'big.bin'))).equals(data)).toBe(true);
    expect((await store.verifyObject('region-a', id)).findings).toEqual([]);
  });

  it('treats an object without root inventory as absent, and recover() removes an abandoned create', async () => {
    const b = backend();
    const store = await OcflStore.open(b);
    const id = objectId('region-a', 'aip', 'abandoned');
    const root = store.objectRoot('region-a', id);
    const tx = await b.begin(root, { mode: 'create', finalKeys: ['inventory.json.sha512', 'inventory.json'], newPrefix: '' });
    await tx.putBytes('v1/content/a.txt', Buffer.from('half'));
    expect(await store.exists('region-a', id)).toBe(false);
    const report = await store.recover();
    expect(report.removed).toEqual([root]);
    const left: string[] = [];
    for await (const e of b.list(root)) left.push(e.key);
    expect(left).toEqual([]);
  });

  it('rolls a commit forward when the marker says it had begun', async () => {
    const b = backend();
    const store = await OcflStore.open(b);
    const id = objectId('region-a', 'aip', 'rollforward');
    writeFileSync(join(src, 'a.txt'), 'a');
    await store.createObject('region-a', id, [{ logicalPath: 'a.txt', sourcePath: join(src, 'a.txt') }], META);
    const root = store.objectRoot('region-a', id);
    const finals: Array<[string, string]> = [];
    for (const k of ['inventory.json.sha512', 'inventory.json']) finals.push([k, ((await b.getBytes(`${root}/${k}`)) as Buffer).toString('base64')]);
    await b.deleteFile(`${root}/inventory.json`);
    await b.putBytes('.staging/x.json', Buffer.from(JSON.stringify({ objectRoot: root, mode: 'create', committing: true, finals })));
    expect(await store.exists('region-a', id)).toBe(false);
    expect((await store.recover()).rolledForward).toEqual([root]);
    expect((await store.verifyObject('region-a', id)).findings).toEqual([]);
  });
});
