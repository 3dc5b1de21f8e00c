import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, runCli } from '../support/cli';

/** `samarkiv generate` as a user runs it. */
describe('samarkiv generate (CLI)', () => {
  const out = mkdtempSync(join(tmpdir(), 'samarkiv-generate-cli-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes the packages and prints a JSON summary', () => {
    const res = runCli(['generate', '--type', 'registry', '--format', 'csv', '--records', '1_500', '--records-per-package', '1000', '--seed', 'cli', '--out', out, '--json'], cleanEnv());
    expect(res.status).toBe(0);
    const summary = JSON.parse(res.stdout) as { records: number; packages: Array<{ objid: string; records: number }> };
    expect(summary.records).toBe(1500);
    expect(summary.packages.map((p) => p.records)).toEqual([1000, 500]);
    expect(readdirSync(out).sort()).toEqual(summary.packages.map((p) => p.objid).sort());
  });

  it('exits 2 with a clear message for a format the type does not have, or a bad count', () => {
    const wrong = runCli(['generate', '--type', 'finance', '--format', 'fhir', '--records', '10', '--out', out], cleanEnv());
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--format fhir is not available for finance; choose csv');
    const count = runCli(['generate', '--type', 'finance', '--format', 'csv', '--records', '0', '--out', out], cleanEnv());
    expect(count.status).toBe(2);
    expect(count.stderr).toContain('must be an integer from 1 to 10000000');
  });
});
