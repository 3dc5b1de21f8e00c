import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runCli } from '../support/cli';
import { SHARED_DIR } from '../support/shared-dir';
import { useTestEnvironment, uniq } from '../support/test-env';

describe('samarkiv CLI', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    useTestEnvironment();
    env = cleanEnv({ DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, STORAGE_ROOT: process.env.STORAGE_ROOT!, LOG_LEVEL: 'silent' });
  });

  it('every subcommand has --help', () => {
    for (const cmd of [['serve'], ['migrate'], ['seed-demo'], ['tenant', 'list'], ['tenant', 'create'], ['api-client', 'create'], ['api-client', 'list'], ['api-client', 'revoke'], ['api-client', 'rotate'], ['identify'], ['validate'], ['sip', 'create'], ['demo'], ['openapi']]) {
      const r = runCli([...cmd, '--help'], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`Usage: samarkiv ${cmd.join(' ')}`);
    }
  });

  it('creates and lists tenants, with --json output', () => {
    const id = `region-cli-${uniq()}`;
    const created = runCli(['tenant', 'create', '--id', id, '--name', 'Region Cli', '--org-number', '232100-0999', '--authority', 'Arkiv', '--info-types', 'finance', '--json'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    expect(JSON.parse(created.stdout)).toMatchObject({ id, name: 'Region Cli', informationTypes: ['finance'] });
    const listed = runCli(['tenant', 'list', '--json'], env);
    expect(listed.status).toBe(0);
    expect((JSON.parse(listed.stdout) as Array<{ id: string }>).map((t) => t.id)).toContain(id);
    const human = runCli(['tenant', 'list'], env);
    expect(human.stdout).toMatch(new RegExp(`^${id}\\s+Region Cli\\s+232100-0999\\s+finance$`, 'm'));
  });

  it('refuses bad input with a clear message and exit code', () => {
    const dup = runCli(['tenant', 'create', '--id', 'Not A Slug', '--name', 'x', '--org-number', '1', '--authority', 'a'], env);
    expect(dup.status).toBe(1);
    const usage = runCli(['tenant', 'create'], env);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("required option '--id <id>' not specified");
  });

  it('a wrong DATABASE_URL stops start-up with one line naming it', () => {
    const r = runCli(['serve'], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['samarkiv: DATABASE_URL: cannot connect to PostgreSQL at 127.0.0.1:1/nowhere: connection refused (is PostgreSQL running?)']);
  });

  it('an unknown setting stops start-up with one line naming it', () => {
    const r = runCli(['serve'], { ...env, SAMARKIV_ROLL: 'api' });
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual(['samarkiv: Invalid configuration: SAMARKIV_ROLL is not a known setting (see .env.example)']);
  });

  it('identify works without database or Redis, with the configured PRONOM signature files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identify-'));
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(64), Buffer.from('0000000049454e44ae426082', 'hex')]);
    writeFileSync(join(dir, 'bild.png'), png);
    const r = runCli(['identify', dir, '--json'], cleanEnv({
      PRONOM_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/DROID_SignatureFile_V122.xml'),
      PRONOM_CONTAINER_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/container-signature-20260119.xml'),
      PRONOM_CACHE_DIR: join(dir, 'cache'),
    }));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const line = JSON.parse(r.stdout.trim().split('\n')[0]) as { puid: string; basis: string; mime: string };
    expect(line).toMatchObject({ basis: 'signature', mime: 'image/png' });
    expect(line.puid).toMatch(/^fmt\/1[123]$/);
  });

  it('api-client create prints the token alone on its last line, and revoke works', () => {
    const tenant = `region-api-${uniq()}`;
    expect(runCli(['tenant', 'create', '--id', tenant, '--name', 'Api', '--org-number', '232100-0998', '--authority', 'Arkiv'], env).status).toBe(0);
    const r = runCli(['api-client', 'create', '--tenant', tenant, '--name', 'ehr', '--scopes', 'deliver,validate,receipts', '--info-types', 'patient-record,finance'], env);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^smk_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const listed = JSON.parse(runCli(['api-client', 'list', '--tenant', tenant, '--json'], env).stdout) as Array<{ id: string; name: string; revokedAt: string | null }>;
    expect(listed).toEqual([expect.objectContaining({ name: 'ehr', revokedAt: null })]);
    expect(runCli(['api-client', 'revoke', '--tenant', tenant, '--id', listed[0].id], env).status).toBe(0);
    const after = JSON.parse(runCli(['api-client', 'list', '--tenant', tenant, '--json'], env).stdout) as Array<{ revokedAt: string | null }>;
    expect(after[0].revokedAt).not.toBeNull();
    const bad = runCli(['api-client', 'create', '--tenant', tenant, '--name', 'x', '--scopes', 'delete-everything', '--info-types', 'finance'], env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('scopes must be some of deliver, validate, receipts');
  });

  it('validate reports a package without services: exit 0 when valid, 1 when not, 2 on usage', () => {
    const offline = cleanEnv({ XML_SCHEMA_CATALOG: join(SHARED_DIR, 'schemas/catalog.xml') });
    const ok = runCli(['validate', join(SHARED_DIR, 'samples/fgs/af268c33-5ba8-4af5-9a44-039b10126835.tar'), '--json'], offline);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, kind: expect.stringContaining('FGS') });
    const bad = runCli(['validate', join(SHARED_DIR, 'samples/fgs/docx-fixture-inconsistent.tar'), '--json'], offline);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stdout).findings.some((f: { severity: string }) => f.severity === 'error')).toBe(true);
    expect(runCli(['validate', '/no/such/package'], offline).status).toBe(2);
  });

  it('sip create writes a SIP that validate accepts without warnings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sip-cli-'));
    writeFileSync(join(dir, 'journal.xml'), '<?xml version="1.0" encoding="UTF-8"?><journal>anteckning</journal>');
    const offline = cleanEnv({ XML_SCHEMA_CATALOG: join(SHARED_DIR, 'schemas/catalog.xml') });
    const created = runCli(['sip', 'create', '--objid', 'sip-cli-1', '--data', dir, '--out', dir, '--submitter', 'Region Örebro län', '--submitter-org-number', '232100-0164', '--zip', '--json'], offline);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const { path } = JSON.parse(created.stdout) as { path: string };
    expect(path).toBe(join(dir, 'sip-cli-1.zip'));
    const report = runCli(['validate', path, '--json'], offline);
    expect(report.status).toBe(0);
    const result = JSON.parse(report.stdout) as { valid: boolean; kind: string; version: string; findings: Array<{ severity: string }> };
    expect(result).toMatchObject({ valid: true, kind: 'E-ARK SIP', version: '2.2.0' });
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('migrate is idempotent', () => {
    const r = runCli(['migrate', '--json'], env);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ applied: [] });
  });
});
