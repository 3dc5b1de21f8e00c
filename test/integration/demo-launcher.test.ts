import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnv } from 'node:util';
import { Client } from 'pg';
import { cleanEnv, spawnCli } from '../support/cli';
import { waitFor } from '../support/test-env';
import { freePort } from '../../src/cli/demo/free-port';

/**
 * `samarkiv demo` on a machine where DATABASE_URL and REDIS_URL are unset: it must start an
 * embedded PostgreSQL and a private redis-server, serve, and stop everything on Ctrl-C.
 */
describe('demo launcher (embedded PostgreSQL, private Redis)', () => {
  jest.setTimeout(120_000);
  const cwd = mkdtempSync(join(tmpdir(), 'samarkiv-demo-'));
  afterAll(() => rmSync(cwd, { recursive: true, force: true }));

  it('starts embedded PostgreSQL that answers, serves a green /health, delivers sample packages, and stops on SIGINT', async () => {
    const port = await freePort();
    const varDir = join(cwd, 'var');
    const child = spawnCli(['demo', '--port', String(port), '--var-dir', varDir], cleanEnv({ LOG_LEVEL: 'warn', INFORMATION_TYPES_DIR: join(__dirname, '../../config/information-types') }), cwd);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(() => stderr.includes('Samarkiv demo is running') || child.exitCode !== null, 90_000);
      expect(stderr).toContain('started embedded PostgreSQL');
      expect(stderr).toContain('started redis-server');

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { database: { status: 'up' }, redis: { status: 'up' } } });

      const urls = parseEnv(readFileSync(join(varDir, 'demo.env'), 'utf8'));
      expect(urls.DATABASE_URL).toMatch(/^postgres:\/\/postgres:[^@]+@127\.0\.0\.1:\d+\/samarkiv$/);
      const pg = new Client({ connectionString: urls.DATABASE_URL });
      await pg.connect();
      try {
        const version = await pg.query<{ server_version: string }>('SHOW server_version');
        expect(Number(version.rows[0].server_version.split('.')[0])).toBeGreaterThanOrEqual(15);
        const tenants = await pg.query<{ id: string }>('SELECT id FROM tenant ORDER BY id');
        expect(tenants.rows.map((r) => r.id)).toEqual(['region-orebro', 'region-uppsala']);
        // The first start delivers generated packages through the real API and pipeline.
        await waitFor(() => stderr.includes('Sample deliveries done') || stderr.includes('sample deliveries stopped'), 240_000);
        expect(stderr).not.toContain('sample deliveries stopped');
        expect(stderr).not.toMatch(/sample delivery for .* (rejected|failed)/);
        const aips = await pg.query<{ tenant_id: string; n: string }>('SELECT tenant_id, count(*) AS n FROM aip GROUP BY tenant_id ORDER BY tenant_id');
        expect(aips.rows).toEqual([
          { tenant_id: 'region-orebro', n: '4' },
          { tenant_id: 'region-uppsala', n: '4' },
        ]);
        const records = await pg.query<{ n: string }>(`SELECT count(*) AS n FROM record WHERE tenant_id = 'region-orebro' AND information_type_id = 'finance'`);
        expect(Number(records.rows[0].n)).toBe(400);
      } finally {
        await pg.end();
      }
      expect(existsSync(join(varDir, 'postgres', 'PG_VERSION'))).toBe(true);
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    }
    expect(stderr).toContain('stopped.');
    expect(existsSync(join(varDir, 'demo.env'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
  }, 420_000);
});
