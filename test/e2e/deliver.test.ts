import { INestApplication } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSip } from '@samarkiv/information-package';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { makeSourceFolder, sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { cleanEnv, spawnCli } from '../support/cli';
import { IngestHttpClient } from '../support/ingest-http';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, uniq } from '../support/test-env';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');

/** Runs the built CLI without blocking this process (the server under test runs in it). */
function deliverCli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(['deliver', ...args], cleanEnv());
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
}

/** `samarkiv deliver` against a running archive: exit codes, JSON output, progress, resume. */
describe('samarkiv deliver', () => {
  let app: INestApplication;
  let url: string;
  let token: string;
  const tenant = `region-cli-${uniq()}`;

  beforeAll(async () => {
    useTestEnvironment({ XML_SCHEMA_CATALOG: CATALOG, RATE_LIMIT_PER_MINUTE: '100000' });
    ({ app, url } = await startTestApp(ProcessRole.All));
    const system = RequestContext.system('test');
    await app.get(TenancyFacade).createTenant(system, { id: tenant, name: tenant, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
    token = (await app.get(AuthFacade).createApiClient(system, tenant, { name: 'cli', scopes: ['deliver'], informationTypes: ['documents'] })).token;
  });

  afterAll(async () => {
    await app?.close();
  });

  const args = (file: string, ...more: string[]) => [file, '--info-type', 'documents', '--source-system', 'Filserver', '--url', url, '--token', token, ...more];

  async function sipFile(objid: string): Promise<string> {
    const sip = await buildSip(sipOptions(tempDir('cli'), makeSourceFolder(), { objid, format: 'zip', schemaCatalog: CATALOG }));
    return sip.path;
  }

  it('delivers a valid package: exit 0, JSON with the delivery and the signed receipt, progress on stderr', async () => {
    const r = await deliverCli(args(await sipFile(`cli-ok-${uniq()}`), '--json'));
    expect(r.stderr).toMatch(/upload \[#+\] 100%/);
    expect(r.stderr).toContain('stage: accepted');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { delivery: { outcome: string; aipId: string }; receipt: { outcome: string; signature: string; aip: { id: string } } };
    expect(out.delivery.outcome).toBe('accepted');
    expect(out.receipt).toMatchObject({ outcome: 'accepted', aip: { id: out.delivery.aipId } });
    expect(out.receipt.signature.split('.')).toHaveLength(3);
  });

  it('exits 1 for a rejected package and prints what to fix', async () => {
    const r = await deliverCli(args(join(SHARED_DIR, 'samples/fgs/docx-fixture-inconsistent.tar'), '--no-progress'));
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/: rejected/);
    expect(r.stdout).toMatch(/error +FGS11 +mets\.xml .*"content\/analys2y16f11\.pdf" is not in the package/);
  });

  it('exits 2 for a wrong token, a missing file and missing options', async () => {
    const bad = await deliverCli([...args(await sipFile(`cli-bad-${uniq()}`)).slice(0, -1), 'smk_nope_nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/answered 401/);
    expect((await deliverCli(args('/nonexistent/package.zip'))).status).toBe(2);
    expect((await deliverCli(['x.zip', '--url', url])).status).toBe(2);
  });

  it('resumes an upload that an earlier run left half done', async () => {
    const file = await sipFile(`cli-resume-${uniq()}`);
    const data = readFileSync(file);
    // What the earlier, interrupted run did: announce with the command's own key, send half.
    const sha256 = createHash('sha256').update(data).digest('hex');
    const key = createHash('sha256').update(JSON.stringify([sha256, 'documents', 'Filserver', null])).digest('hex');
    const http = new IngestHttpClient(url, token);
    const delivery = await http.announceOk({ informationType: 'documents', sourceSystem: 'Filserver', expectedSize: data.length, expectedChecksum: `sha256:${sha256}` }, key);
    expect((await http.createUpload(delivery, data.length)).status).toBe(201);
    const half = Math.floor(data.length / 2);
    expect((await http.patch(delivery, 0, data.subarray(0, half))).status).toBe(204);

    const r = await deliverCli(args(file, '--json', '--no-progress'));
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { delivery: { id: string; outcome: string } };
    expect(out.delivery).toMatchObject({ id: delivery.id, outcome: 'accepted' });
  });
});
