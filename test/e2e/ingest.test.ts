import { INestApplication } from '@nestjs/common';
import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compactVerify, createLocalJWKSet, JSONWebKeySet } from 'jose';
import { DataSource } from 'typeorm';
import { buildSip, validatePackage } from '@samarkiv/information-package';
import { ProcessRole } from '../../src/platform/config/env.validation';
import { RequestContext } from '../../src/platform/context';
import { AuthFacade } from '../../src/auth/auth.facade';
import { TenancyFacade } from '../../src/tenancy/tenancy.facade';
import { IngestPolicyService } from '../../src/ingest/application/ingest-policy.service';
import { QuarantineService } from '../../src/ingest/pipeline/quarantine.service';
import { makeSourceFolder, sipOptions, tempDir } from '../../libs/information-package/src/writer/testing/fixtures.test-helper';
import { buildZip } from '../../libs/information-package/test/support/zip-builder';
import { generateDeliveries } from '@samarkiv/generator';
import { SHARED_DIR } from '../support/shared-dir';
import { startTestApp } from '../support/test-app';
import { useTestEnvironment, uniq, waitFor } from '../support/test-env';
import { DeliveryBody, IngestHttpClient } from '../support/ingest-http';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');
const FGS = join(SHARED_DIR, 'samples/fgs/af268c33-5ba8-4af5-9a44-039b10126835.tar');
const DOCS = { informationType: 'documents', sourceSystem: 'ESSArch Tools' };

/** Builds a SIP with our own builder (valid by construction) as a ZIP. */
async function sipZip(objid: string, source = makeSourceFolder()): Promise<Buffer> {
  const sip = await buildSip(sipOptions(tempDir('sip'), source, { objid, format: 'zip', schemaCatalog: CATALOG }));
  return readFileSync(sip.path);
}

/** Every file under a folder (for "nothing written outside staging"). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The head version of an OCFL object as files under their logical paths (OCFL stores identical
 * content once, so the content folder alone is not the AIP tree).
 */
function logicalTree(objectRoot: string): string {
  const inventory = JSON.parse(readFileSync(join(objectRoot, 'inventory.json'), 'utf8')) as {
    head: string;
    manifest: Record<string, string[]>;
    versions: Record<string, { state: Record<string, string[]> }>;
  };
  const target = tempDir('aip-tree');
  for (const [digest, paths] of Object.entries(inventory.versions[inventory.head].state)) {
    for (const path of paths) {
      mkdirSync(dirname(join(target, path)), { recursive: true });
      copyFileSync(join(objectRoot, inventory.manifest[digest][0]), join(target, path));
    }
  }
  return target;
}

/** Deliveries over HTTP through the whole pipeline, with a real worker in the same process. */
describe('ingest over HTTP', () => {
  let app: INestApplication;
  let url: string;
  let storageRoot: string;
  let db: DataSource;
  const tenant = `region-ing-${uniq()}`;
  const other = `region-oth-${uniq()}`;
  let producer: IngestHttpClient;
  let stranger: IngestHttpClient;

  beforeAll(async () => {
    ({ storageRoot } = useTestEnvironment({
      XML_SCHEMA_CATALOG: CATALOG,
      PRONOM_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/DROID_SignatureFile_V122.xml'),
      PRONOM_CONTAINER_SIGNATURE_FILE: join(SHARED_DIR, 'pronom/container-signature-20260119.xml'),
      RATE_LIMIT_PER_MINUTE: '100000',
    }));
    ({ app, url } = await startTestApp(ProcessRole.All));
    db = app.get(DataSource);
    const system = RequestContext.system('test');
    const tenancy = app.get(TenancyFacade);
    const auth = app.get(AuthFacade);
    for (const id of [tenant, other]) await tenancy.createTenant(system, { id, name: `Region ${id}`, organisationNumber: '232100-0164', archiveAuthorityName: 'Regionarkivet' });
    producer = new IngestHttpClient(url, (await auth.createApiClient(system, tenant, { name: 'producer', scopes: ['deliver'], informationTypes: ['documents', 'patient-record'] })).token);
    stranger = new IngestHttpClient(url, (await auth.createApiClient(system, other, { name: 'producer', scopes: ['deliver', 'receipts'], informationTypes: ['documents'] })).token);
  });

  afterAll(async () => {
    await app?.close();
  });

  const staging = () => join(storageRoot, 'tenants', tenant, 'staging');
  const quarantine = () => join(storageRoot, 'tenants', tenant, 'quarantine');

  async function verifiedReceipt(id: string): Promise<Record<string, unknown>> {
    const res = await producer.receipt(id);
    expect(res.status).toBe(200);
    const receipt = (await res.json()) as Record<string, unknown> & { signature: string };
    const jwks = (await (await fetch(`${url}/api/v1/receipts/jwks.json`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(receipt.signature, createLocalJWKSet(jwks));
    expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'samarkiv-receipt+jws' });
    const signed = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    const { signature: _signature, ...body } = receipt;
    expect(body).toEqual(signed);
    return signed;
  }

  it('accepts a valid E-ARK SIP: AIP stored and catalogued, signed receipt in JSON and XML, staging emptied', async () => {
    const delivery = await producer.deliver(await sipZip(`sip-ok-${uniq()}`), { ...DOCS, submissionAgreement: 'LÖ 2026-01' });
    expect(delivery.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(delivery).toMatchObject({ stage: 'accepted', outcome: 'accepted', aipVersion: 1 });
    // The minimal PDF is plain PDF 1.4: accepted with a warning that names it.
    expect(delivery.findings).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'FORMAT-POLICY', severity: 'warning', puid: 'fmt/18' })]));

    const receipt = await verifiedReceipt(delivery.id);
    expect(receipt).toMatchObject({ outcome: 'accepted', deliveryId: delivery.id, tenantId: tenant, submissionAgreement: 'LÖ 2026-01', aip: { id: delivery.aipId, version: 1 } });
    const aip = receipt.aip as { objectId: string; fileCount: number; recordCount: number; copies: unknown[] };
    expect(aip.objectId).toBe(`urn:samarkiv:${tenant}:aip:${delivery.aipId}`);
    expect(aip.copies.length).toBeGreaterThanOrEqual(1);
    expect(aip.recordCount).toBeGreaterThan(0);

    const xml = await producer.receipt(delivery.id, 'application/xml');
    expect(xml.headers.get('content-type')).toMatch(/application\/xml/);
    const text = await xml.text();
    expect(text).toContain('<receipt xmlns="urn:samarkiv:receipt:1"');
    expect(text).toContain(`outcome="accepted"`);
    expect(text).toContain((receipt as { receiptId: string }).receiptId);

    const [row] = await db.query(`SELECT count(*)::int AS n, min(object_id) AS object_id FROM aip WHERE tenant_id = $1 AND delivery_id = $2`, [tenant, delivery.id]);
    expect(row).toEqual({ n: 1, object_id: aip.objectId });
    const catalogued = await fetch(`${url}/api/v1/aips/${delivery.aipId}`, { headers: { authorization: `Bearer ${producer.token}` } });
    expect(await catalogued.json()).toMatchObject({ id: delivery.aipId, deliveryId: delivery.id, objectId: aip.objectId, tier: 'intermediate', version: 1, status: 'active', fileCount: aip.fileCount });
    expect((await fetch(`${url}/api/v1/aips/${delivery.aipId}`, { headers: { authorization: `Bearer ${stranger.token}` } })).status).toBe(404);
    expect(readdirSync(staging())).toEqual([]);
    const audit = await db.query(`SELECT details->>'step' AS step FROM audit_entry WHERE tenant_id = $1 AND action = 'deliver' AND details->>'deliveryId' = $2 ORDER BY seq`, [tenant, delivery.id]);
    expect(audit.map((a: { step: string }) => a.step)).toEqual(expect.arrayContaining(['announced', 'received', 'unpacking', 'validating', 'identifying', 'extracting', 'building', 'storing', 'cataloguing', 'cleaning', 'receipt-read']));
  });

  it('accepts the real FGS 1.1 package from ESSArch and keeps the SIP unchanged in the AIP', async () => {
    const delivery = await producer.deliver(FGS, DOCS);
    expect(delivery.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(delivery.outcome).toBe('accepted');
    const receipt = await verifiedReceipt(delivery.id);
    expect(receipt).toMatchObject({ sip: { objid: expect.any(String), kind: 'FGS 1.x 1.1', bytes: readFileSync(FGS).length } });

    // In every storage location: the SIP byte for byte under submission/, records for a rebuild, a valid E-ARK AIP.
    const sipMets = 'af268c33-5ba8-4af5-9a44-039b10126835/mets.xml';
    const copies = filesUnder(join(storageRoot, 'archive')).filter((f) => f.endsWith(`/v1/content/submission/${sipMets}`));
    expect(copies.length).toBe((receipt.aip as { copies: unknown[] }).copies.length);
    for (const copy of copies) {
      expect(readFileSync(copy)).toEqual(execFileSync('tar', ['-xOf', FGS, sipMets]));
      const content = logicalTree(copy.slice(0, -`/v1/content/submission/${sipMets}`.length));
      const records = readFileSync(join(content, 'metadata/other/records.jsonl'), 'utf8').trim().split('\n');
      expect(records).toHaveLength((receipt.aip as { recordCount: number }).recordCount);
      expect(JSON.parse(records[0])).toMatchObject({ informationTypeId: 'documents', sourceFile: expect.stringMatching(/^submission\/af268c33-[^/]+\/content\/.+\.pdf$/) });
      const aip = await validatePackage(content, { catalog: CATALOG });
      expect(aip.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(aip).toMatchObject({ valid: true, kind: 'E-ARK AIP' });
    }
  });

  it('accepts generated patient-record deliveries (C-CDA with PDF/A, TIFF and JPEG attachments) and indexes their records', async () => {
    const [sip] = await generateDeliveries({ type: 'patient-record', format: 'ccda', records: 4, seed: `ingest-${uniq()}`, outDir: tempDir('gen'), zip: true });
    const delivery = await producer.deliver(sip.path, { informationType: 'patient-record', sourceSystem: 'Cosmic' });
    expect(delivery.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(delivery.outcome).toBe('accepted');
    const receipt = await verifiedReceipt(delivery.id);
    expect((receipt.aip as { recordCount: number }).recordCount).toBeGreaterThanOrEqual(sip.records);
  });

  it('rejects invalid E-ARK packages with findings a producer can act on, and keeps them in quarantine', async () => {
    const delivery = await producer.deliver(join(SHARED_DIR, 'samples/eark/invalid/csip-example_minimal_IP_nomtshdr.zip'), DOCS);
    expect(delivery).toMatchObject({ stage: 'rejected', outcome: 'rejected', aipId: null });
    const errors = delivery.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const f of errors) {
      expect(f.stage).toBe('validating');
      expect(f.code).toMatch(/^[A-Z]/);
      expect(f.message).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
    const receipt = await verifiedReceipt(delivery.id);
    expect(receipt).toMatchObject({ outcome: 'rejected', aip: null });
    expect((receipt.findings as unknown[]).length).toBe(delivery.findings.length);
    await waitForQuarantine(delivery.id);
    const [row] = await db.query(`SELECT quarantine_until > now() + interval '29 days' AS kept FROM delivery WHERE tenant_id = $1 AND id = $2`, [tenant, delivery.id]);
    expect(row.kept).toBe(true);
  });

  it('rejects a file in a format the policy refuses, naming the file and its PUID', async () => {
    const source = makeSourceFolder();
    writeFileSync(join(source, 'bild.gif'), Buffer.concat([Buffer.from('GIF89a'), Buffer.alloc(64), Buffer.from([0x3b])]));
    const delivery = await producer.deliver(await sipZip(`sip-gif-${uniq()}`, source), DOCS);
    expect(delivery.outcome).toBe('rejected');
    const refused = delivery.findings.filter((f) => f.severity === 'error');
    expect(refused).toEqual([expect.objectContaining({ stage: 'identifying', code: 'FORMAT-POLICY', location: 'representations/rep1/data/bild.gif', puid: 'fmt/4' })]);
    expect(refused[0].message).toContain('fmt/4');
  });

  it('resumes an interrupted upload from the last byte received', async () => {
    const data = await sipZip(`sip-resume-${uniq()}`);
    const delivery = await producer.announceOk({ ...DOCS, expectedSize: data.length }, `resume-${uniq()}`);
    expect((await producer.createUpload(delivery, data.length)).status).toBe(201);
    const half = Math.floor(data.length / 2);
    expect((await producer.patch(delivery, 0, data.subarray(0, half))).status).toBe(204);
    // The connection drops in the middle of the second chunk.
    const abort = new AbortController();
    const interrupted = producer.patch(delivery, half, data.subarray(half), abort.signal).catch(() => undefined);
    abort.abort();
    await interrupted;
    const head = await producer.offset(delivery);
    expect(head.status).toBe(200);
    const offset = Number(head.headers.get('upload-offset'));
    expect(offset).toBeGreaterThanOrEqual(half);
    expect(offset).toBeLessThan(data.length);
    const during = await producer.getOk(delivery.id);
    expect(during).toMatchObject({ stage: 'awaiting-upload', upload: { length: data.length, receivedBytes: offset } });
    expect((await producer.patch(delivery, offset, data.subarray(offset))).status).toBe(204);
    expect((await producer.waitForOutcome(delivery.id)).outcome).toBe('accepted');
    // The package's checksum, taken while its bytes arrived in three requests, is the whole package's.
    expect((await verifiedReceipt(delivery.id)).sip).toMatchObject({ bytes: data.length, sha256: createHash('sha256').update(data).digest('hex') });
    // A second creation for the same delivery would overwrite the bytes: refused.
    expect((await producer.createUpload(delivery, data.length)).status).toBe(409);
  });

  it('returns the same delivery for a repeated Idempotency-Key and refuses the key with other details', async () => {
    const key = `key-${uniq()}`;
    const first = await producer.announce(DOCS, key);
    expect(first.status).toBe(201);
    const again = await producer.announce(DOCS, key);
    expect(again.status).toBe(200);
    expect(((await again.json()) as DeliveryBody).id).toBe(((await first.json()) as DeliveryBody).id);
    const changed = await producer.announce({ ...DOCS, sourceSystem: 'Other' }, key);
    expect(changed.status).toBe(409);
    expect(await changed.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
  });

  it('refuses a SIP OBJID already archived, or makes it a new version when the tenant says so', async () => {
    const objid = `sip-dup-${uniq()}`;
    const first = await producer.deliver(await sipZip(objid), DOCS);
    expect(first.outcome).toBe('accepted');
    const refused = await producer.deliver(await sipZip(objid), DOCS);
    expect(refused.outcome).toBe('rejected');
    expect(refused.findings.filter((f) => f.severity === 'error')).toEqual([expect.objectContaining({ code: 'INGEST-DUPLICATE', stage: 'validating' })]);

    await app.get(IngestPolicyService).set(adminOf(tenant), tenant, { duplicateObjid: 'new-version' });
    const second = await producer.deliver(await sipZip(objid), DOCS);
    expect(second).toMatchObject({ outcome: 'accepted', aipVersion: 2 });
    const rows = await db.query(`SELECT version, status FROM aip WHERE tenant_id = $1 AND sip_objid = $2 ORDER BY version`, [tenant, objid]);
    expect(rows).toEqual([
      { version: 1, status: 'superseded' },
      { version: 2, status: 'active' },
    ]);
    await app.get(IngestPolicyService).set(adminOf(tenant), tenant, { duplicateObjid: 'reject' });
  });

  it('answers 404 to another tenant for the delivery, its upload, events and receipt', async () => {
    const delivery = await producer.announceOk(DOCS);
    expect((await stranger.get(delivery.id)).status).toBe(404);
    expect((await stranger.createUpload(delivery, 10)).status).toBe(404);
    expect((await stranger.offset(delivery)).status).toBe(404);
    expect((await stranger.receipt(delivery.id)).status).toBe(404);
    const events = await fetch(`${url}${delivery.links.events}`, { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(events.status).toBe(404);
    expect(existsSync(join(storageRoot, 'tenants', other, 'staging', delivery.id))).toBe(false);
  });

  it('streams the delivery history as server-sent events until the outcome', async () => {
    const data = await sipZip(`sip-sse-${uniq()}`);
    const delivery = await producer.announceOk(DOCS);
    await producer.uploadAll(delivery, data);
    const res = await fetch(`${url}${delivery.links.events}`, { headers: { authorization: `Bearer ${producer.token}`, accept: 'text/event-stream' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const types = [...text.matchAll(/^event: (.+)$/gm)].map((m) => m[1]);
    expect(types[0]).toBe('created');
    expect(types).toEqual(expect.arrayContaining(['upload-started', 'received', 'stage-started', 'stage-completed', 'accepted']));
    expect(types[types.length - 1]).toBe('end');
  });

  it.each([
    ['a zip bomb', 'READ-BOMB', () => buildZip([{ name: 'pkg/zeros.bin', data: Buffer.alloc(50 * 1024 * 1024), deflate: true }])],
    ['path traversal', 'READ-TRAVERSAL', () => buildZip([{ name: 'pkg/METS.xml', data: '<x/>' }, { name: 'pkg/../../../../evil.txt', data: 'x' }])],
  ])('rejects %s before anything is written outside staging', async (_name, code, make) => {
    const before = new Set(filesUnder(storageRoot));
    const delivery = await producer.deliver(make(), DOCS);
    expect(delivery.outcome).toBe('rejected');
    expect(delivery.findings).toEqual([expect.objectContaining({ stage: 'unpacking', code, severity: 'error' })]);
    await waitForQuarantine(delivery.id);
    const written = filesUnder(storageRoot).filter((f) => !before.has(f));
    const allowed = [join(quarantine(), delivery.id), join(storageRoot, 'keys')];
    expect(written.filter((f) => !allowed.some((a) => f.startsWith(a)))).toEqual([]);
    expect(existsSync(join(storageRoot, 'evil.txt'))).toBe(false);
    expect(existsSync(join(dirname(storageRoot), 'evil.txt'))).toBe(false);
  });

  it('refuses uploads above the tenant limit and over its staging quota', async () => {
    await app.get(IngestPolicyService).set(adminOf(tenant), tenant, { maxPackageBytes: 4096 });
    const big = await producer.announceOk(DOCS);
    const tooBig = await producer.createUpload(big, 5000);
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ code: 'PACKAGE_TOO_LARGE' });
    await app.get(IngestPolicyService).set(adminOf(tenant), tenant, { maxPackageBytes: null, stagingQuotaBytes: 2048 });
    const a = await producer.announceOk(DOCS);
    expect((await producer.createUpload(a, 1500)).status).toBe(201);
    const b = await producer.announceOk(DOCS);
    const over = await producer.createUpload(b, 1500);
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({ code: 'STAGING_QUOTA_EXCEEDED' });
    await app.get(IngestPolicyService).set(adminOf(tenant), tenant, { stagingQuotaBytes: null });
  });

  it("posts the outcome and the signed receipt to the API client's webhook, signed with its secret", async () => {
    const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
    let answer = 500;
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer).end();
        answer = 204;
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    try {
      const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/samarkiv`;
      const set = await fetch(`${url}/api/v1/delivery-webhook`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${producer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: hookUrl }),
      });
      expect(set.status).toBe(200);
      const { secret } = (await set.json()) as { secret: string };
      expect(secret.length).toBeGreaterThan(30);
      const bad = await fetch(`${url}/api/v1/delivery-webhook`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${producer.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: 'ftp://user:pw@example.se/x' }),
      });
      expect(bad.status).toBe(400);

      const delivery = await producer.deliver(join(SHARED_DIR, 'samples/eark/invalid/csip-example_minimal_IP_nopcktyp.zip'), DOCS);
      expect(delivery.outcome).toBe('rejected');
      // The first post is answered 500: the archive tries again (queue backoff) until it gets 2xx.
      await waitFor(() => received.length >= 2, 60_000);
      const last = received[received.length - 1];
      expect(last.headers['samarkiv-event']).toBe('delivery.rejected');
      const [t, v1] = String(last.headers['samarkiv-signature']).split(',');
      expect(v1).toBe(`v1=${createHmac('sha256', secret).update(`${t.slice(2)}.${last.body}`).digest('hex')}`);
      const payload = JSON.parse(last.body) as { deliveryId: string; outcome: string; receipt: { signature: string; outcome: string } };
      expect(payload).toMatchObject({ deliveryId: delivery.id, outcome: 'rejected', receipt: { outcome: 'rejected' } });
      const jwks = (await (await fetch(`${url}/api/v1/receipts/jwks.json`)).json()) as JSONWebKeySet;
      await expect(compactVerify(payload.receipt.signature, createLocalJWKSet(jwks))).resolves.toBeDefined();
      await waitFor(async () => (await db.query(`SELECT 1 FROM delivery_event WHERE tenant_id = $1 AND delivery_id = $2 AND type = 'notified'`, [tenant, delivery.id])).length > 0);
      const del = await fetch(`${url}/api/v1/delivery-webhook`, { method: 'DELETE', headers: { authorization: `Bearer ${producer.token}` } });
      expect(del.status).toBe(204);
    } finally {
      receiver.close();
    }
  });

  it('purges quarantined packages once the tenant\'s quarantine time is over', async () => {
    await app.get(IngestPolicyService).set(adminOf(tenant), tenant, { quarantineDays: 0 });
    const delivery = await producer.deliver(join(SHARED_DIR, 'samples/eark/invalid/csip-example_minimal_IP_nocrtdt.zip'), DOCS);
    expect(delivery.outcome).toBe('rejected');
    await waitForQuarantine(delivery.id);
    const { purged } = await app.get(QuarantineService).purgeExpired();
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(existsSync(join(quarantine(), delivery.id))).toBe(false);
    const [row] = await db.query(`SELECT purged_at IS NOT NULL AS purged FROM delivery WHERE tenant_id = $1 AND id = $2`, [tenant, delivery.id]);
    expect(row.purged).toBe(true);
    // Packages still within their time stay.
    expect(readdirSync(quarantine()).length).toBeGreaterThan(0);
    await app.get(IngestPolicyService).set(adminOf(tenant), tenant, { quarantineDays: null });
  });

  async function waitForQuarantine(id: string): Promise<void> {
    // The clean job moves the upload, then removes the workspace: wait for both.
    const file = join(quarantine(), id, 'sip.upload');
    const moved = () => existsSync(file) && !existsSync(join(staging(), id));
    for (let i = 0; i < 300 && !moved(); i++) await new Promise((r) => setTimeout(r, 100));
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(staging(), id))).toBe(false);
  }
});

function adminOf(tenantId: string): RequestContext {
  return new RequestContext('test', { kind: 'user', id: 'admin', tenantId, grants: [{ role: 'tenant-admin' as never, tenantId, informationTypeId: null, tier: null }] });
}
