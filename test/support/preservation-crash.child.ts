import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppModule } from '../../src/app.module';
import { RequestContext } from '../../src/platform/context';
import { PreservationFacade } from '../../src/preservation/preservation.facade';

/**
 * Child process for the crash test (built into dist/ with the app): stores one object through the
 * facade, `<tenant> <object id> <source dir>`, and tells the parent when the write starts so that
 * the parent can SIGKILL it part-way.
 */
async function main(): Promise<void> {
  const [tenantId, objectId, src] = process.argv.slice(2);
  const app = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: false });
  const files = readdirSync(src)
    .sort()
    .map((name) => ({ logicalPath: `representations/rep1/data/${name}`, sourcePath: join(src, name) }));
  process.send?.('started');
  await app.get(PreservationFacade).storeObject(RequestContext.job(tenantId, 'crash-test'), { objectId, files, message: 'crash test' });
  process.send?.('done');
  await app.close();
}

void main();
