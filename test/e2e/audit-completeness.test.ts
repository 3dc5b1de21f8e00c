import { buildOpenApiDocument } from '../../src/platform/http/openapi';
import { deliverGenerated, signInDemoUsers, startLifecycleApp, stopLifecycleApp, TENANT } from '../support/final-archive-fixtures';
import type { DemoSessions, LifecycleEnv } from '../support/final-archive-fixtures';
import { uniq } from '../support/test-env';

interface Probe {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  /** A console form post (urlencoded) instead of JSON. */
  form?: Record<string, string>;
  /** Who asks (default the reader); spärr management is the archivist's. */
  as?: 'anna' | 'bertil';
  /** Listings of many patients name none in particular: any entry of the request will do. */
  names?: 'record-or-patient' | 'any';
}

interface RecordRow {
  id: string;
  patient_id: string;
  attachments: string[];
}

/**
 * Issue 4: "a completeness test that walks every route that returns record data and checks an entry
 * is written". The routes come from the OpenAPI document (every operation tagged with a record API
 * tag) plus the console's record pages; a route without a probe here fails the test, so a new record
 * route cannot ship unlogged. Each probe must succeed for a granted reader and leave an entry with its
 * own correlation id that names the record or the patient.
 */
const RECORD_TAGS = ['search', 'dips'];

describe('audit completeness: every route that returns record data writes an access-log entry', () => {
  jest.setTimeout(600_000);
  let env: LifecycleEnv;
  let as: DemoSessions;
  let record: RecordRow;

  beforeAll(async () => {
    env = await startLifecycleApp();
    const [delivery] = await deliverGenerated(env, { seed: 'audit-completeness', records: 40, perPackage: 40, sourceSystem: `TakeCare-${uniq()}` });
    const rows = (await env.db.query(`SELECT id, patient_id, attachments FROM record WHERE aip_id = $1 ORDER BY cardinality(attachments) DESC, id LIMIT 1`, [delivery.aipId])) as RecordRow[];
    record = rows[0];
    as = await signInDemoUsers(env.http);
  });

  afterAll(async () => {
    await stopLifecycleApp(env);
  });

  /** A concrete request for each record route, keyed by "METHOD /openapi/path". */
  function probes(): Map<string, Probe> {
    const id = record.id;
    const criteria = { patientId: record.patient_id };
    return new Map<string, Probe>([
      ['POST /api/v1/search/{informationType}', { method: 'POST', path: '/api/v1/search/patient-record', body: { criteria } }],
      ['POST /api/v1/search/{informationType}/timeline', { method: 'POST', path: '/api/v1/search/patient-record/timeline', body: { patientId: record.patient_id } }],
      ['GET /api/v1/records/{id}', { method: 'GET', path: `/api/v1/records/${id}` }],
      ['GET /api/v1/records/{id}/original', { method: 'GET', path: `/api/v1/records/${id}/original` }],
      ['GET /api/v1/records/{id}/attachments/{index}', { method: 'GET', path: `/api/v1/records/${id}/attachments/0` }],
      ['GET /api/v1/records/{id}/rendered', { method: 'GET', path: `/api/v1/records/${id}/rendered` }],
      ['POST /api/v1/dips', { method: 'POST', path: '/api/v1/dips', body: { recordIds: [id] } }],
      // Spärr (who is blocked where) is patient data too.
      ['POST /api/v1/record-blocks', { method: 'POST', path: '/api/v1/record-blocks', body: { careUnit: `SE-completeness-${uniq()}`, patientId: record.patient_id, reason: 'Patientens begäran' }, as: 'bertil' }],
      ['POST /api/v1/record-blocks/search', { method: 'POST', path: '/api/v1/record-blocks/search', body: { patientId: record.patient_id }, as: 'bertil' }],
      ['GET /api/v1/record-blocks', { method: 'GET', path: '/api/v1/record-blocks', as: 'bertil', names: 'any' }],
      ['DELETE /api/v1/record-blocks/{id}', { method: 'DELETE', path: '/api/v1/record-blocks/{block}', as: 'bertil' }],
    ]);
  }

  /** The console's pages that show record content (not in the OpenAPI document); criteria travel in form posts. */
  const consoleProbes = (): Probe[] => [
    { method: 'GET', path: `/records/${record.id}` },
    { method: 'POST', path: '/search/patient-record', form: { 'c.patientId': record.patient_id } },
    { method: 'POST', path: '/search/patient-record/timeline', form: { patientId: record.patient_id } },
    { method: 'POST', path: '/search/patient-record/dip', form: { recordIds: record.id } },
  ];

  it('the record has an attachment to probe', () => {
    expect(record.attachments.length).toBeGreaterThan(0);
  });

  it('every record route of the OpenAPI document has a probe', () => {
    const doc = buildOpenApiDocument(env.app, 'test') as unknown as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags?.some((t) => RECORD_TAGS.includes(t)))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const known = probes();
    expect(routes.filter((r) => !known.has(r))).toEqual([]);
    // And no probe for a route that is gone.
    expect([...known.keys()].filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('each record route answers the granted reader and leaves an entry naming the record or the patient', async () => {
    const failures: string[] = [];
    let blockId = '';
    for (const probe of [...probes().values(), ...consoleProbes()]) {
      const correlationId = `completeness-${uniq()}`;
      const session = as[probe.as ?? 'anna'];
      const res = await fetch(`${env.http.url}${probe.path.replace('{block}', blockId)}`, {
        method: probe.method,
        headers: {
          'content-type': probe.form ? 'application/x-www-form-urlencoded' : 'application/json',
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
          'x-correlation-id': correlationId,
        },
        body: probe.form ? new URLSearchParams(probe.form).toString() : probe.body === undefined ? undefined : JSON.stringify(probe.body),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      if (probe.path === '/api/v1/record-blocks' && probe.method === 'POST' && res.status === 201) blockId = (JSON.parse(bytes.toString()) as { id: string }).id;
      if (res.status < 200 || res.status > 204) {
        failures.push(`${probe.method} ${probe.path} answered ${res.status}`);
        continue;
      }
      const rows = (await env.db.query(`SELECT action, outcome, patient_id, record_ids FROM audit_entry WHERE tenant_id = $1 AND correlation_id = $2`, [TENANT, correlationId])) as Array<{
        action: string;
        outcome: string;
        patient_id: string | null;
        record_ids: string[] | null;
      }>;
      const names = probe.names === 'any' ? rows.length > 0 : rows.some((r) => r.patient_id === record.patient_id || (r.record_ids ?? []).includes(record.id));
      if (!names) failures.push(`${probe.method} ${probe.path} wrote ${rows.length} entries, none naming the record or patient`);
    }
    expect(failures).toEqual([]);
  });

  it('a refused access is logged too (another region’s reader gets 404 and an entry)', async () => {
    const frida = await env.http.login('region-uppsala', 'frida');
    const correlationId = `completeness-${uniq()}`;
    const res = await fetch(`${env.http.url}/api/v1/records/${record.id}`, { headers: { cookie: frida.cookie, 'x-correlation-id': correlationId } });
    expect(res.status).toBe(404);
    const rows = (await env.db.query(`SELECT outcome FROM audit_entry WHERE correlation_id = $1`, [correlationId])) as Array<{ outcome: string }>;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.outcome !== 'success')).toBe(true);
  });
});
