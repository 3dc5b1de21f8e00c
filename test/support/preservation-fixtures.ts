import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import S3rver from 's3rver';
import { AppModule } from '../../src/app.module';
import { RequestContext } from '../../src/platform/context';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { uniq } from './test-env';

export const operator = RequestContext.system('test');

export async function bootCli(): Promise<{ app: INestApplicationContext; ds: DataSource }> {
  const app = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
  await app.init();
  return { app, ds: app.get<DataSource>(getDataSourceToken()) };
}

/** A fresh tenant and a job context acting for it (how ingest calls the facade). */
export async function newTenant(app: INestApplicationContext, prefix = 'region-p'): Promise<{ tenantId: string; ctx: RequestContext }> {
  const tenantId = `${prefix}-${uniq()}`;
  await app.get(TenancyFacade).createTenant(operator, { id: tenantId, name: tenantId, organisationNumber: '232100-0000', archiveAuthorityName: 'Regionarkivet' });
  return { tenantId, ctx: RequestContext.job(tenantId, `test-${uniq()}`) };
}

/** Source files for an AIP: a few small XML files and one larger binary. */
export function sourceFiles(dir: string, n = 5, bigBytes = 3 * 1024 * 1024): Array<{ logicalPath: string; sourcePath: string }> {
  mkdirSync(dir, { recursive: true });
  const files = [];
  for (let i = 0; i < n; i++) {
    const p = join(dir, `r${i}.xml`);
    writeFileSync(p, `<record n="${i}" dir="${dir}"/>`);
    files.push({ logicalPath: `representations/rep1/data/r${i}.xml`, sourcePath: p });
  }
  const big = join(dir, 'scan.tif');
  const data = Buffer.alloc(bigBytes);
  for (let i = 0; i < data.length; i += 4096) data.writeUInt32LE(i ^ dir.length, i);
  writeFileSync(big, data);
  files.push({ logicalPath: 'representations/rep1/data/scan.tif', sourcePath: big });
  return files;
}

/**
 * s3rver over real HTTP, or the endpoint named by SAMARKIV_TEST_S3_ENDPOINT (+ _ACCESS_KEY,
 * _SECRET_KEY, _BUCKET, _REGION; the bucket must exist). Returns the STORAGE_LOCATIONS url.
 */
export async function startS3(): Promise<{ url: string; env: Record<string, string>; close: () => Promise<void> }> {
  const external = process.env.SAMARKIV_TEST_S3_ENDPOINT;
  const bucket = process.env.SAMARKIV_TEST_S3_BUCKET ?? 'samarkiv-test';
  const region = process.env.SAMARKIV_TEST_S3_REGION ?? 'us-east-1';
  const env = { STORAGE_S3_ACCESS_KEY_ID: process.env.SAMARKIV_TEST_S3_ACCESS_KEY ?? 'S3RVER', STORAGE_S3_SECRET_ACCESS_KEY: process.env.SAMARKIV_TEST_S3_SECRET_KEY ?? 'S3RVER' };
  let server: S3rver | undefined;
  let endpoint = external ?? '';
  if (!external) {
    server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 's3rver-')) });
    const { port } = (await server.run()) as { port: number };
    endpoint = `http://127.0.0.1:${port}`;
    const client = new S3Client({ endpoint, region, forcePathStyle: true, credentials: { accessKeyId: env.STORAGE_S3_ACCESS_KEY_ID, secretAccessKey: env.STORAGE_S3_SECRET_ACCESS_KEY } });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  const url = `s3://${bucket}/preservation-${uniq()}/?endpoint=${encodeURIComponent(endpoint)}&region=${region}&forcePathStyle=true`;
  return { url, env, close: async () => void (await server?.close()) };
}
