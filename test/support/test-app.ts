import { INestApplication } from '@nestjs/common';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { createApp } from '../../src/platform/http/bootstrap';

/** A real app on a loopback port (a free one unless given). */
export async function startTestApp(role: ProcessRole = ProcessRole.All, listenPort = 0): Promise<{ app: INestApplication; url: string }> {
  const app = await createApp(role, { quiet: true });
  await app.listen(listenPort, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}
