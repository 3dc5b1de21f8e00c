import { DataSource } from 'typeorm';
import { writeChain } from '../support/audit-chain';
import { cleanEnv, runCli } from '../support/cli';
import { ownerDataSource } from '../support/owner-data-source';
import { uniq, useTestEnvironment } from '../support/test-env';

interface VerifyJson {
  ok: boolean;
  checked: number;
  chains: Array<{ tenantId: string; ok: boolean; firstBroken: { kind: string; seq: number } | null }>;
}

/**
 * Long chains are verified in seq ranges on worker threads (the built CLI, from 100,000 entries)
 * and joined at the range borders: tampering anywhere, also right at a border, is still found.
 */
describe('audit verify of long chains on worker threads', () => {
  jest.setTimeout(600_000);
  const ENTRIES = 120_000;
  let owner: DataSource;
  let env: NodeJS.ProcessEnv;
  const changed = `region-long-a-${uniq()}`;
  const cut = `region-long-b-${uniq()}`;

  const verify = (tenant: string) => {
    const r = runCli(['audit', 'verify', '--tenant', tenant, '--json'], env);
    return { status: r.status, body: JSON.parse(r.stdout) as VerifyJson };
  };

  beforeAll(async () => {
    useTestEnvironment();
    env = cleanEnv({ DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, STORAGE_ROOT: process.env.STORAGE_ROOT!, LOG_LEVEL: 'silent' });
    owner = await ownerDataSource();
    await writeChain(owner, changed, ENTRIES);
    await writeChain(owner, cut, ENTRIES);
  });

  afterAll(async () => {
    await owner?.query(`DELETE FROM audit_chain_head WHERE chain_key = ANY($1)`, [[changed, cut]]);
    await owner?.destroy();
  });

  /** As a superuser would, past the append-only trigger. */
  const tamper = async (sql: string, params: unknown[]) =>
    owner.transaction(async (m) => {
      await m.query('SET LOCAL session_replication_role = replica');
      await m.query(sql, params);
    });

  it('an intact long chain verifies completely', () => {
    const r = verify(changed);
    expect(r.status).toBe(0);
    expect(r.body).toMatchObject({ ok: true, checked: ENTRIES, chains: [{ tenantId: changed, ok: true, firstBroken: null }] });
  });

  it('a changed entry deep in the second range is named', async () => {
    await tamper(`UPDATE audit_entry SET care_unit_name = 'Annan enhet' WHERE chain_key = $1 AND seq = 97001`, [changed]);
    const r = verify(changed);
    expect(r.status).toBe(1);
    expect(r.body.chains[0]).toMatchObject({ ok: false, firstBroken: { kind: 'altered', seq: 97001 } });
  });

  it('an entry removed right at the border between the ranges is found', async () => {
    // Two threads split 120,000 entries at 60,000: the second range starts at seq 60,001.
    await tamper(`DELETE FROM audit_entry WHERE chain_key = $1 AND seq = 60001`, [cut]);
    const r = verify(cut);
    expect(r.status).toBe(1);
    expect(r.body.chains[0].ok).toBe(false);
    expect(r.body.chains[0].firstBroken).toMatchObject({ seq: 60001 });
  });
});
