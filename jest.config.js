// Three tiers: unit specs beside the code, integration against real PostgreSQL/Redis, e2e over HTTP.
// Console views are TSX rendered on the server with preact (see README, "The console").
const swcrc = JSON.parse(require('node:fs').readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const tsx = {
  ...swcrc,
  swcrc: false,
  jsc: { ...swcrc.jsc, parser: { ...swcrc.jsc.parser, tsx: true }, transform: { ...swcrc.jsc.transform, react: { runtime: 'automatic', importSource: 'preact' } } },
};
const transform = { '^.+\\.tsx$': ['@swc/jest', tsx], '^.+\\.(t|j)s$': ['@swc/jest'] };
const moduleNameMapper = { '^@samarkiv/([^/]+)(.*)$': '<rootDir>/libs/$1/src$2' };
// Generous timeouts: integration tests boot the app against real services on a 2-core machine.
const common = { transform, moduleNameMapper, testEnvironment: 'node', rootDir: __dirname, testTimeout: 60_000 };

module.exports = {
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
