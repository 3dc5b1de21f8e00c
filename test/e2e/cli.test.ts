import { cleanEnv, runCli } from '../support/cli';
import { useTestEnvironment, uniq } from '../support/test-env';

describe('samarkiv CLI', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(() => {
    useTestEnvironment();
    env = cleanEnv({ DATABASE_URL: process.env.DATABASE_URL!, REDIS_URL: process.env.REDIS_URL!, QUEUE_PREFIX: process.env.QUEUE_PREFIX!, STORAGE_ROOT: process.env.STORAGE_ROOT!, LOG_LEVEL: 'silent' });
  });

  it('every subcommand has --help', () => {
    for (const cmd of [['serve'], ['migrate'], ['seed-demo'], ['tenant', 'list'], ['tenant', 'create'], ['demo'], ['openapi']]) {
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

  it('migrate is idempotent', () => {
    const r = runCli(['migrate', '--json'], env);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ applied: [] });
  });
});
