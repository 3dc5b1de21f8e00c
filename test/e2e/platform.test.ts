import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { cleanEnv, runCli } from '../support/cli';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment } from '../support/test-env';

describe('platform over HTTP (api + worker in one process)', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    useTestEnvironment({ RATE_LIMIT_PER_MINUTE: '40' });
    ({ app, url } = await startTestApp(ProcessRole.All));
  });

  afterAll(async () => {
    await app?.close();
  });

  it('/health is green for database, Redis and storage', async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; info: Record<string, { status: string }> };
    expect(body.status).toBe('ok');
    expect(Object.keys(body.info).sort()).toEqual(['database', 'redis', 'storage']);
  });

  it('/api/docs serves the OpenAPI UI and document', async () => {
    const ui = await fetch(`${url}/api/docs`);
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('swagger-ui');
    const doc = (await (await fetch(`${url}/api/docs/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/api/v1/tenants', '/api/v1/tenants/{tenantId}']));
  });

  it('the committed OpenAPI document matches the built code (npm run openapi)', () => {
    const committed = readFileSync(join(__dirname, '../../docs/openapi.json'), 'utf8');
    const generated = runCli(['openapi'], cleanEnv({ DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, LOG_LEVEL: 'silent' }));
    expect(generated.status).toBe(0);
    expect(generated.stdout).toBe(committed);
  });

  it('errors carry a code and the correlation id, also in the response header', async () => {
    const res = await fetch(`${url}/api/v1/tenants`, { headers: { 'x-correlation-id': 'corr-12345678' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-correlation-id')).toBe('corr-12345678');
    expect(await res.json()).toEqual({ code: 'AUTH_REQUIRED', message: 'Authentication required', correlationId: 'corr-12345678' });
    const missing = await fetch(`${url}/no/such/route`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'NOT_FOUND', correlationId: expect.any(String) });
  });

  it('a caller-supplied correlation id that is not id-like is replaced', async () => {
    const res = await fetch(`${url}/api/v1/me`, { headers: { 'x-correlation-id': 'x y <script>' } });
    expect(res.headers.get('x-correlation-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sets security headers (helmet)', async () => {
    const res = await fetch(`${url}/api/v1/me`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('rate-limits public endpoints but not /health', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i++) statuses.push((await fetch(`${url}/api/v1/me`)).status);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(40);
    expect(statuses).toContain(429);
    expect((await fetch(`${url}/health`)).status).toBe(200);
  });
});

describe('worker role', () => {
  it('serves only health', async () => {
    useTestEnvironment();
    const { app, url } = await startTestApp(ProcessRole.Worker);
    try {
      expect((await fetch(`${url}/health`)).status).toBe(200);
      expect((await fetch(`${url}/api/v1/me`)).status).toBe(404);
      expect((await fetch(`${url}/api/docs`)).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
