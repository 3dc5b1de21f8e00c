import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { environment } from '../platform/config/settings';
import { checkDatabase, checkRedis } from './preflight';

/** Boots the modules without HTTP or workers for one command, then closes them. */
export async function withAppContext<T>(fn: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const env = environment();
  await checkDatabase(env.DATABASE_URL);
  await checkRedis(env.REDIS_URL);
  const app = await NestFactory.createApplicationContext(AppModule.forRole('cli'), { logger: ['error'] });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}
