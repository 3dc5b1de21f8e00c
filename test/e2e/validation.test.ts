import { INestApplication } from '@nestjs/common';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { buildSip } from '@samarkiv/information-package';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { makeSourceFolder, sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, uniq } from '../support/test-env';

/** POST /api/v1/validations: the conformance check a vendor runs with an API-client token. */
describe('package validation over HTTP', () => {
  let app: INestApplication;
  let url: string;
  let storageRoot: string;
  const tenant = `region-val-${uniq()}`;
  let validator: string;
  let deliverer: string;

  // `as Uint8Array<ArrayBuffer>`: with lib.dom in the program (preact's JSX types), fetch wants an ArrayBuffer-backed body.
  const upload = (body: Buffer, token?: string, type = 'application/zip') =>
    fetch(`${url}/api/v1/validations`, { method: 'POST', headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body as Uint8Array<ArrayBuffer> });

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment({ XML_SCHEMA_CATALOG: join(SHARED_DIR, 'schemas/catalog.xml'), VALIDATION_MAX_UPLOAD_BYTES: String(5 * 1024 * 1024) }));
    ({ app, url } = await startTestApp(ProcessRole.Api));
    const system = RequestContext.system('test');
    await app.get(TenancyFacade).createTenant(system, { id: tenant, name: tenant, organisationNumber: '232100-0000', archiveAuthorityName: 'Arkiv' });
    validator = (await app.get(AuthFacade).createApiClient(system, tenant, { name: 'vendor', scopes: ['validate'], informationTypes: ['patient-record'] })).token;
    deliverer = (await app.get(AuthFacade).createApiClient(system, tenant, { name: 'deliver-only', scopes: ['deliver'], informationTypes: ['patient-record'] })).token;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('validates a SIP built by our builder as valid, logs it, and leaves staging empty', async () => {
    const sip = await buildSip(sipOptions(tempDir('val'), makeSourceFolder(), { format: 'zip', schemaCatalog: join(SHARED_DIR, 'schemas/catalog.xml') }));
    const res = await upload(readFileSync(sip.path), validator);
    expect(res.status).toBe(200);
    const report = (await res.json()) as { valid: boolean; kind: string; version: string; findings: Array<{ severity: string }> };
    expect(report).toMatchObject({ valid: true, kind: 'E-ARK SIP', version: '2.2.0' });
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(readdirSync(join(storageRoot, 'tenants', tenant, 'staging'))).toEqual([]);
    const [entry] = await app.get(DataSource).query(`SELECT outcome, details FROM audit_entry WHERE tenant_id = $1 AND action = 'validate' ORDER BY seq DESC LIMIT 1`, [tenant]);
    expect(entry).toMatchObject({ outcome: 'success', details: { valid: true } });
  });

  it('reports an invalid package with its findings', async () => {
    const res = await upload(readFileSync(join(SHARED_DIR, 'samples/fgs/docx-fixture-inconsistent.tar')), validator, 'application/x-tar');
    expect(res.status).toBe(200);
    const report = (await res.json()) as { valid: boolean; findings: Array<{ id: string; severity: string; location: string }> };
    expect(report.valid).toBe(false);
    expect(report.findings.some((f) => f.severity === 'error' && f.location.length > 0)).toBe(true);
  });

  it('refuses garbage, wrong media types, oversized uploads and callers without the scope', async () => {
    const garbage = await upload(Buffer.from('not a zip at all'), validator);
    expect(garbage.status).toBe(200);
    expect(await garbage.json()).toMatchObject({ valid: false });
    expect((await upload(Buffer.from('x'), validator, 'text/plain')).status).toBe(400);
    const big = await upload(Buffer.alloc(6 * 1024 * 1024), validator);
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'PACKAGE_TOO_LARGE' });
    expect((await upload(Buffer.from('x'), deliverer)).status).toBe(403);
    expect((await upload(Buffer.from('x'))).status).toBe(401);
    expect(readdirSync(join(storageRoot, 'tenants', tenant, 'staging'))).toEqual([]);
  });
});
