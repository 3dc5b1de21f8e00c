import { ConfigValidationError, ProcessRole, validateEnvironment } from './env.validation';

const base = { DATABASE_URL: 'postgres://u@h:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    validateEnvironment(env);
  } catch (err) {
    if (err instanceof ConfigValidationError) return err.problems;
    throw err;
  }
  return [];
}

describe('validateEnvironment', () => {
  it('accepts a minimal environment and fills defaults with types', () => {
    const env = validateEnvironment({ ...base, PORT: '8080', DATABASE_MIGRATE_ON_START: 'false' });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_MIGRATE_ON_START).toBe(false);
    expect(env.SAMARKIV_ROLE).toBe(ProcessRole.All);
  });

  it('names the variable and the fix when a URL is wrong', () => {
    const problems = problemsOf({ ...base, DATABASE_URL: 'mysql://x' });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^DATABASE_URL has an invalid value: must be a postgres:\/\/ URL/);
  });

  it('reports missing required variables', () => {
    expect(problemsOf({ REDIS_URL: base.REDIS_URL })).toEqual([expect.stringMatching(/^DATABASE_URL is missing/)]);
  });

  it('refuses unknown settings with our prefixes, ignores the rest of the environment', () => {
    expect(problemsOf({ ...base, SAMARKIV_ROLL: 'api', HOME: '/root' })).toEqual(['SAMARKIV_ROLL is not a known setting (see .env.example)']);
  });

  it('refuses bad numbers, enums and booleans', () => {
    const problems = problemsOf({ ...base, PORT: 'eighty', SAMARKIV_ROLE: 'both', DEMO_MODE: 'perhaps' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DEMO_MODE', 'PORT', 'SAMARKIV_ROLE']);
  });

  it('refuses demo mode in production', () => {
    expect(problemsOf({ ...base, DEMO_MODE: 'true', NODE_ENV: 'production', RECEIPT_SIGNING_KEY_FILE: '/etc/samarkiv/receipt.pem' })).toEqual([
      expect.stringMatching(/^DEMO_MODE: must not be on/),
    ]);
  });

  it('requires a receipt signing key in production and refuses an unknown duplicate policy', () => {
    expect(problemsOf({ ...base, NODE_ENV: 'production' })).toEqual([expect.stringMatching(/^RECEIPT_SIGNING_KEY_FILE: must be set/)]);
    expect(problemsOf({ ...base, INGEST_DUPLICATE_OBJID: 'overwrite' })).toEqual([expect.stringMatching(/^INGEST_DUPLICATE_OBJID has an invalid value/)]);
  });
});
