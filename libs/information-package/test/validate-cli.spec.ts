import { join } from 'node:path';
import { runValidateCli } from '@samarkiv/information-package';
import { SHARED_DIR } from '../../../test/support/shared-dir';
import { writeSipFixture } from './support/sip-fixture';
import { useTempDir } from './support/temp-dir';

function capture(): { io: { stdout: { write(t: string): boolean }; stderr: { write(t: string): boolean } }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    io: { stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((err += t), true) } },
    out: () => out,
    err: () => err,
  };
}

jest.setTimeout(60_000);

describe('samarkiv validate (CLI face)', () => {
  const tmp = useTempDir('cli');
  const catalog = join(SHARED_DIR, 'schemas/catalog.xml');

  it('exits 0 and prints one JSON object for a valid package', async () => {
    const root = writeSipFixture(tmp());
    const c = capture();
    const code = await runValidateCli(['validate', root, '--schemas', catalog, '--json'], c.io);
    expect(code).toBe(0);
    const report = JSON.parse(c.out()) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['valid', 'kind', 'version', 'findings']);
    expect(report).toMatchObject({ valid: true, kind: 'E-ARK SIP', version: '2.2.0' });
    for (const f of report.findings as Array<Record<string, unknown>>) expect(Object.keys(f)).toEqual(['id', 'severity', 'message', 'location']);
  });

  it('exits 1 with a readable report grouped by severity for an invalid package', async () => {
    const root = writeSipFixture(join(tmp(), 'bad'), { editRootMets: (x) => x.replace(/<metsHdr CREATEDATE="[^"]*"/, '<metsHdr') });
    const c = capture();
    const code = await runValidateCli([root], c.io);
    expect(code).toBe(1);
    expect(c.out()).toMatch(/^INVALID: E-ARK SIP 2\.2\.0/);
    expect(c.out()).toMatch(/Errors \(\d+\):\n {2}\[CSIP7\]/);
    expect(c.out().indexOf('Errors')).toBeLessThan(c.out().indexOf('Warnings'));
  });

  it.each([
    [[], 'missing <path>'],
    [['validate', '/nonexistent/package.zip'], 'No such file'],
    [['validate', '.', '--schemas'], '--schemas needs'],
    [['validate', '.', '--bogus'], 'unknown option'],
    [['validate', '.', '--schemas', '/nonexistent/catalog.xml'], 'No such XML catalog'],
  ])('exits 2 on usage and I/O errors: %j', async (argv, message) => {
    const c = capture();
    expect(await runValidateCli(argv as string[], c.io)).toBe(2);
    expect(c.err()).toContain(message);
  });
});
