import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FindingSink, openPackage, validatePackage } from '@samarkiv/information-package';
import { Session } from '../support/http-session';
import { DeliveryBody } from '../support/ingest-http';
import { deliverGenerated, fileDigests, locationDirs, objectRootIn, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import type { DemoSessions, LifecycleEnv } from '../support/final-archive-fixtures';
import { SHARED_DIR } from '../support/shared-dir';
import { uniq, waitFor } from '../support/test-env';
import { JobQueueService } from '../../src/platform/queue/job-queue.service';
import { CENTRAL_SCOPE, JobName } from '../../src/platform/queue/queue-names';

interface ExportBody {
  id: string;
  transferId: string;
  status: string;
  progress: { aips: number; written: number };
  packages: Array<{ aipId: string; name: string; size: number; sha256: string; valid: boolean; deleted: boolean; findings: Array<{ id: string; severity: string; message: string }> }>;
  code?: string;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Export of an accepted transfer as E-ARK SIP / FGS 2.0 packages for a final archive kept elsewhere. */
describe('export of a transfer as E-ARK SIPs', () => {
  jest.setTimeout(600_000);
  let env: LifecycleEnv;
  let as: DemoSessions;
  let deliveries: DeliveryBody[];
  const source = `Orbit-${uniq()}`;
  const catalog = join(SHARED_DIR, 'schemas/catalog.xml');

  const exportOf = async (transferId: string, exportId: string, s: Session) => (await (await env.http.get(`/api/v1/transfers/${transferId}/exports/${exportId}`, s)).json()) as ExportBody;

  beforeAll(async () => {
    env = await startLifecycleApp();
    deliveries = await deliverGenerated(env, { seed: `export-${uniq()}`, records: 4, perPackage: 2, sourceSystem: source });
    as = await signInDemoUsers(env.http);
  });

  afterAll(async () => {
    await stopLifecycleApp(env);
  });

  it('writes one valid SIP per AIP with the original files and the provenance; only the authority may; destruction and purge remove the packages', async () => {
    const proposed = (await (await env.http.send('POST', '/api/v1/transfers', { sourceSystem: source }, as.bertil)).json()) as { id: string };
    // Not before custody is taken.
    expect((await env.http.send('POST', `/api/v1/transfers/${proposed.id}/exports`, {}, as.cecilia)).status).toBe(409);
    expect((await env.http.send('POST', `/api/v1/transfers/${proposed.id}/accept`, {}, as.cecilia)).status).toBe(202);
    await waitFor(async () => ((await (await env.http.get(`/api/v1/transfers/${proposed.id}`, as.cecilia)).json()) as { status: string }).status === 'accepted', 300_000);

    // The business (a reader) and the region archivist may not export the authority's holdings.
    expect([403, 404]).toContain((await env.http.send('POST', `/api/v1/transfers/${proposed.id}/exports`, {}, as.anna)).status);
    expect([403, 404]).toContain((await env.http.send('POST', `/api/v1/transfers/${proposed.id}/exports`, {}, as.bertil)).status);
    const gustav = await env.http.login('region-uppsala', 'gustav');
    expect((await env.http.send('POST', `/api/v1/transfers/${proposed.id}/exports`, {}, gustav)).status).toBe(404);

    const started = await env.http.send('POST', `/api/v1/transfers/${proposed.id}/exports`, {}, as.cecilia);
    expect(started.status).toBe(202);
    const { id: exportId } = (await started.json()) as ExportBody;
    const done = await waitFor(async () => {
      const body = await exportOf(proposed.id, exportId, as.cecilia);
      return body.status !== 'running' ? body : undefined;
    }, 300_000);
    expect(done.status).toBe('completed');
    expect(done.progress).toEqual({ aips: 2, written: 2 });
    expect(done.packages.map((p) => p.aipId).sort()).toEqual(deliveries.map((d) => d.aipId).sort());
    expect([403, 404]).toContain((await env.http.get(`/api/v1/transfers/${proposed.id}/exports/${exportId}`, as.anna)).status);
    expect([403, 404]).toContain((await env.http.get(`/api/v1/transfers/${proposed.id}/exports/${exportId}/packages/${done.packages[0].name}`, as.anna)).status);
    expect((await env.http.get(`/api/v1/transfers/${proposed.id}/exports/${exportId}/packages/..%2F..%2Fsecret.zip`, as.cecilia)).status).toBe(400);

    const work = mkdtempSync(join(tmpdir(), 'samarkiv-export-test-'));
    for (const pkg of done.packages) {
      expect(pkg.valid).toBe(true);
      expect(pkg.findings.filter((f) => f.severity === 'error')).toEqual([]);
      const res = await env.http.get(`/api/v1/transfers/${proposed.id}/exports/${exportId}/packages/${pkg.name}`, as.cecilia);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.length).toBe(pkg.size);
      expect(sha256(bytes)).toBe(pkg.sha256);
      const file = join(work, pkg.name);
      writeFileSync(file, bytes);

      // Our own validator, FGS 2.0 / CSIP profile: no errors.
      const result = await validatePackage(file, { catalog, stagingDir: mkdtempSync(join(work, 'v-')) });
      expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(result).toMatchObject({ valid: true, kind: 'E-ARK SIP' });

      // Every file of the original representations, byte for byte as the AIP holds it.
      const opened = await openPackage(file, new FindingSink(), { stagingDir: mkdtempSync(join(work, 'o-')) });
      const root = opened.root!;
      const exported = walk(join(root, 'representations'))
        .map((f) => relative(join(root, 'representations'), f))
        .filter((p) => /^[^/]+\/data\//.test(p));
      expect(exported.length).toBeGreaterThan(0);
      for (const loc of locationDirs(env.storageRoot)) {
        const aipFiles = fileDigests(objectRootIn(loc, `urn:samarkiv:${TENANT}:aip:${pkg.aipId}`)!);
        const original = Object.entries(aipFiles).filter(([p]) => /^v1\/content\/submission\/[^/]+\/representations\/[^/]+\/data\//.test(p));
        expect(exported.length).toBe(original.length);
        for (const p of exported) {
          const inAip = original.find(([path]) => path.endsWith(`/representations/${p}`));
          expect([p, inAip?.[1]]).toEqual([p, sha256(readFileSync(join(root, 'representations', p)))]);
        }
      }
      // The AIP's provenance, including the transfer of custody.
      const premis = readFileSync(join(root, 'metadata/preservation/premis.xml'), 'utf8');
      expect(premis).toMatch(/<eventType [^>]*>transfer<\/eventType>/);
      expect(premis).toMatch(/<eventType [^>]*>ingestion<\/eventType>/);
      expect(premis).toContain(proposed.id);
      expect(premis).toContain('Cecilia Carlsson');
      await opened.dispose();
    }
    const steps = await env.db.query(`SELECT details->>'step' AS step FROM audit_entry WHERE tenant_id = $1 AND action = 'export' AND details->>'exportId' = $2 ORDER BY seq`, [TENANT, exportId]);
    expect(steps.map((s: { step: string }) => s.step)).toEqual(['transfer-export-started', 'transfer-export-completed', 'transfer-export-download', 'transfer-export-download']);

    // Destroying an exported AIP deletes the packages that carry it (derived files).
    const [gone, kept] = done.packages;
    const dir = join(env.storageRoot, 'exports', TENANT, exportId);
    expect(existsSync(join(dir, gone.name))).toBe(true);
    expect((await env.http.send('POST', '/api/v1/retention-rules', { informationTypeId: 'patient-record', sourceSystem: source, trigger: 'delivery-date', years: 0 }, as.cecilia)).status).toBe(201);
    expect((await env.http.send('POST', '/api/v1/retention-scans', {}, as.cecilia)).status).toBe(200);
    const disposal = (await (await env.http.send('POST', '/api/v1/disposals', { aipIds: [gone.aipId] }, as.bertil)).json()) as { id: string };
    expect((await env.http.send('POST', `/api/v1/disposals/${disposal.id}/approve`, { decisionReference: 'RA 2026/30' }, as.cecilia)).status).toBe(200);
    expect((await env.http.send('POST', `/api/v1/disposals/${disposal.id}/execute`, {}, as.cecilia)).status).toBe(202);
    await waitFor(async () => ((await (await env.http.get(`/api/v1/disposals/${disposal.id}`, as.cecilia)).json()) as { status: string }).status === 'executed', 300_000);
    expect(existsSync(join(dir, gone.name))).toBe(false);
    expect(existsSync(join(dir, kept.name))).toBe(true);
    const after = await exportOf(proposed.id, exportId, as.cecilia);
    expect(after.packages.find((p) => p.aipId === gone.aipId)!.deleted).toBe(true);
    expect(after.packages.find((p) => p.aipId === kept.aipId)!.deleted).toBe(false);
    expect((await env.http.get(`/api/v1/transfers/${proposed.id}/exports/${exportId}/packages/${gone.name}`, as.cecilia)).status).toBe(404);

    // After the configured days the export is purged.
    await env.db.query(`UPDATE transfer_export SET requested_at = now() - interval '400 days' WHERE tenant_id = $1 AND id = $2`, [TENANT, exportId]);
    await env.app.get(JobQueueService).enqueue(JobName.TransferExportPurge, { tenantId: CENTRAL_SCOPE }, `test-${uniq()}`);
    const purged = await waitFor(async () => {
      const body = await exportOf(proposed.id, exportId, as.cecilia);
      return body.status === 'purged' ? body : undefined;
    }, 60_000);
    expect(existsSync(dir)).toBe(false);
    expect(purged.packages.every((p) => p.deleted)).toBe(true);
  });
});
