import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { CanonicalRecord } from '@samarkiv/records';
import { RequestContext } from '../../src/platform/context';
import { dataSourceOptions } from '../../src/platform/database/data-source.options';
import { runInTenantScope } from '../../src/platform/database/tenant-scope';
import { SearchTypes } from '../../src/search/application/information-types';
import { RecordIndexingService, STATEMENT_ROWS } from '../../src/search/application/record-indexing.service';
import { PgRecordIndex } from '../../src/search/infrastructure/pg-record-index';
import { RecordBlockRepository } from '../../src/search/infrastructure/record-block.repository';
import { loadInformationTypes } from '../../src/tenancy/infrastructure/information-type.loader';
import { countRoundTrips } from '../support/round-trips';
import { uniq } from '../support/test-env';

const types = loadInformationTypes(join(__dirname, '../../config/information-types'));

function record(i: number, text: string, type = 'patient-record'): CanonicalRecord {
  return {
    recordId: `r${i}`,
    informationTypeId: type,
    fields: { patientId: '191212121212', patientName: `Patient ${i}`, date: '2014-05-06T07:08:09Z', careUnit: `Enhet ${i % 7}`, documentType: 'anteckning', title: `Anteckning ${i}`, diagnosisCodes: [`I${10 + (i % 50)}`, 'E11.9'] },
    text,
    patient: { id: '191212121212', issuer: '1.2.752.129.2.1.3.1' },
    sourceFile: 'records.xml',
    attachments: i % 100 === 0 ? [`bilagor/${i}.pdf`] : undefined,
  };
}

async function* batches(total: number, text: (i: number) => string, size = 1000, bad?: number): AsyncIterable<CanonicalRecord[]> {
  for (let i = 0; i < total; i += size) yield Array.from({ length: Math.min(size, total - i) }, (_, k) => record(i + k, text(i + k), i + k === bad ? 'finance' : 'patient-record'));
}

/** Indexing as ingest does it, as the app role: few statements per AIP, idempotent, all or nothing. */
describe('search indexing (real PostgreSQL, app role)', () => {
  jest.setTimeout(300_000);
  const url = process.env.TEST_RUN_DATABASE_URL!;
  const T = `idx-${uniq()}`;
  let owner: DataSource;
  let app: DataSource;
  let service: RecordIndexingService;
  const ctx = RequestContext.job(T, 'index-test');

  beforeAll(async () => {
    owner = await new DataSource(dataSourceOptions(url, { poolSize: 1 })).initialize();
    app = await new DataSource(dataSourceOptions(url, { poolSize: 2, role: 'samarkiv_app' })).initialize();
    await owner.query(`INSERT INTO tenant (id, name, organisation_number, archive_authority_name) VALUES ($1, $2, '232100-0000', 'Arkiv')`, [T, T]);
    const searchTypes = { get: (id: string) => types.find((t) => t.id === id)!, all: () => types } as unknown as SearchTypes;
    // Indexing reads no spärr blocks.
    service = new RecordIndexingService(searchTypes, new PgRecordIndex(app, {} as RecordBlockRepository));
  });

  afterAll(async () => {
    await owner?.query(`DELETE FROM record WHERE tenant_id = $1`, [T]);
    await owner?.query(`DELETE FROM tenant WHERE id = $1`, [T]);
    await app?.destroy();
    await owner?.destroy();
  });

  /** Runs the indexing in one transaction, counting the statements it sends. */
  async function index(aipId: string, records: AsyncIterable<CanonicalRecord[]>, tier = 'intermediate'): Promise<{ count: number; statements: number }> {
    const { result: count, roundTrips } = await runInTenantScope(T, () =>
      app.transaction((tx) =>
        countRoundTrips(tx, () => service.indexRecords(ctx, tx, { aipId, deliveryId: 'd-1', informationTypeId: 'patient-record', sourceSystem: 'Cosmic', tier: tier as 'intermediate' }, records)),
      ),
    );
    return { count, statements: roundTrips };
  }

  const stored = async (aipId: string) =>
    (await owner.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE search_vector @@ to_tsquery('swedish', 'hjärtsvikt'))::int AS hits,
       count(*) FILTER (WHERE cardinality(attachments) = 1)::int AS attached, min(cardinality(terms))::int AS terms FROM record WHERE tenant_id = $1 AND aip_id = $2`, [T, aipId])) as Array<{
      n: number;
      hits: number;
      attached: number;
      terms: number;
    }>;

  it(`sends a COPY and an INSERT per ${STATEMENT_ROWS} records however the caller batches them (30,000 records in batches of 1,000: 1 + 3 × 2 round trips, not 30)`, async () => {
    const aipId = randomUUID();
    const result = await index(aipId, batches(30_000, (i) => (i % 1000 === 0 ? 'Patienten har hjärtsvikt.' : 'Patienten mår bra.')));
    expect(result).toEqual({ count: 30_000, statements: 1 + 2 * Math.ceil(30_000 / STATEMENT_ROWS) });
    expect(await stored(aipId)).toEqual([{ n: 30_000, hits: 30, attached: 300, terms: expect.any(Number) }]);
    const [row] = (await owner.query(`SELECT terms, fields, record_date, unit, key1, names FROM record WHERE tenant_id = $1 AND aip_id = $2 AND source_record_id = 'r3'`, [T, aipId])) as Array<{
      terms: string[];
      fields: Record<string, unknown>;
      record_date: Date;
      unit: string;
      key1: string;
      names: string;
    }>;
    expect(row.terms).toEqual(expect.arrayContaining(['diagnosisCodes=I13', 'diagnosisCodes=E11.9', 'diagnosisCodes^i1', 'sourceSystem=Cosmic']));
    expect(row.fields).toMatchObject({ patientName: 'Patient 3', diagnosisCodes: ['I13', 'E11.9'] });
    expect(row.record_date.toISOString()).toBe('2014-05-06T07:08:09.000Z');
    expect([row.unit, row.key1, row.names]).toEqual(['Enhet 3', 'anteckning', 'patient 3']);
  });

  it('re-indexing the same AIP replaces its rows (idempotent per AIP and record id)', async () => {
    const aipId = randomUUID();
    await index(aipId, batches(3_000, () => 'Patienten mår bra.'));
    const again = await index(aipId, batches(3_000, (i) => (i < 5 ? 'Nu med hjärtsvikt.' : 'Patienten mår bra.'), 700));
    expect(again.count).toBe(3_000);
    expect(await stored(aipId)).toEqual([{ n: 3_000, hits: 5, attached: 30, terms: expect.any(Number) }]);
  });

  it('stores tabs, line breaks, backslashes, quotes and braces exactly as given', async () => {
    const aipId = randomUUID();
    const odd = 'Anna "Nisse"\t\\ Svensson \\N {x}';
    const text = 'Hjärtsvikt.\tRad 1\r\nRad 2 \\. \\N slut';
    const rec: CanonicalRecord = {
      ...record(1, text),
      fields: { ...record(1, text).fields, patientName: odd, diagnosisCodes: ['I10', 'a,b "c" {d}\\'] },
      attachments: ['bilagor/a "b"\\c,d.pdf'],
    };
    await index(aipId, (async function* () {
      yield [rec];
    })());
    const [r] = (await owner.query(
      `SELECT body, fields, attachments, terms, names, search_vector @@ to_tsquery('swedish', 'hjärtsvikt') AS hit FROM record WHERE tenant_id = $1 AND aip_id = $2`,
      [T, aipId],
    )) as Array<{ body: string; fields: Record<string, unknown>; attachments: string[]; terms: string[]; names: string; hit: boolean }>;
    expect(r.body).toBe(text);
    expect(r.fields).toMatchObject({ patientName: odd, diagnosisCodes: ['I10', 'a,b "c" {d}\\'] });
    expect(r.attachments).toEqual(['bilagor/a "b"\\c,d.pdf']);
    expect(r.terms).toContain('diagnosisCodes=a,b "c" {d}\\');
    expect(r.names).toBe(odd.toLowerCase());
    expect(r.hit).toBe(true);
  });

  it('a long body is stored whole; its vector is built from the first part', async () => {
    const aipId = randomUUID();
    const body = `Hjärtsvikt. ${'lorem ipsum '.repeat(50_000)}`;
    await index(aipId, batches(1, () => body));
    const [r] = (await owner.query(`SELECT length(body) AS len, search_vector @@ to_tsquery('swedish', 'hjärtsvikt') AS hit FROM record WHERE tenant_id = $1 AND aip_id = $2`, [T, aipId])) as Array<{ len: number; hit: boolean }>;
    expect(r).toEqual({ len: body.length, hit: true });
  });

  it('a wrong record in a later batch fails the whole AIP: nothing of it is stored', async () => {
    const aipId = randomUUID();
    await expect(index(aipId, batches(8_000, () => 'Patienten mår bra.', 1000, 7_500))).rejects.toThrow(/cannot be indexed/);
    expect((await stored(aipId))[0].n).toBe(0);
  });

  it('a statement the database refuses fails the AIP with that first error, even with the next one already queued', async () => {
    const aipId = randomUUID();
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    try {
      await expect(index(aipId, batches(30_000, () => 'Patienten mår bra.'), 'nowhere')).rejects.toThrow(/record_tier_check/);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect((await stored(aipId))[0].n).toBe(0);
  });
});
