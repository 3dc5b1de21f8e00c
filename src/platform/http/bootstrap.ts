import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import cookieParser from 'cookie-parser';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import { AppModule } from '../../app.module';
import { ProcessRole } from '../config/env.validation';
import { environment } from '../config/settings';
import { mountOpenApi } from './openapi';
import { packageVersion } from '../paths';

export const VERSION = packageVersion();

/** Builds the Nest application for a role; the caller decides whether to listen. */
export async function createApp(role: ProcessRole, options: { quiet?: boolean; ownSignals?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRole(role), { bufferLogs: true, logger: options.quiet ? false : undefined });
  if (!options.quiet) app.useLogger(app.get(Logger));
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(cookieParser());
  // A DIP request may name up to 10,000 record ids (~400 KB of JSON); every other body keeps the 100 KB default.
  // Wrapped, because Nest skips registering its own parser when it finds one named jsonParser.
  const dipBody = json({ limit: '1mb' });
  app.use('/api/v1/dips', (req: never, res: never, next: () => void) => dipBody(req, res, next));
  // The demo handles signals itself so that it can stop its services after the app.
  if (!options.ownSignals) app.enableShutdownHooks();
  // Longer than clients' and proxies' idle timeouts, so the server is never the side that closes a
  // connection a client is about to reuse (which clients see as ECONNRESET).
  const server = app.getHttpServer() as import('node:http').Server;
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  if (role !== ProcessRole.Worker) mountOpenApi(app, VERSION);
  return app;
}

export async function serve(role: ProcessRole, options: { port?: number; quiet?: boolean; ownSignals?: boolean } = {}): Promise<INestApplication> {
  const env = environment();
  const app = await createApp(role, options);
  await app.listen(options.port ?? env.PORT, env.HOST);
  return app;
}
