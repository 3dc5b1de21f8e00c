import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { validatePackage, warmSchemaValidator } from '@samarkiv/information-package';
import { SHARED_DIR } from '../../../test/support/shared-dir';
import { tarFolder, zipFolder } from './support/package-archives';
import { writeSipFixture } from './support/sip-fixture';
import { useTempDir } from './support/temp-dir';

const CATALOG = join(SHARED_DIR, 'schemas/catalog.xml');

// Each test starts a schema-validation child process; on a loaded 2-core machine that can take seconds.
jest.setTimeout(60_000);

describe('a valid E-ARK SIP 2.2.0', () => {
  const tmp = useTempDir('valid-sip');

  it('validates with no errors or warnings as a folder, XSD included', async () => {
    const root = writeSipFixture(tmp());
    const result = await validatePackage(root, { catalog: CATALOG });
    expect(result.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(result).toMatchObject({ valid: true, kind: 'E-ARK SIP', version: '2.2.0' });
  });

  it('finds the package root inside a folder that holds only it', async () => {
    const parent = join(tmp(), 'wrapper');
    writeSipFixture(parent, { name: 'wrapped' });
    const result = await validatePackage(parent, { catalog: CATALOG });
    expect(result.valid).toBe(true);
  });

  it.each(['zip', 'tar', 'tar.gz'])('validates the same package as %s and leaves no staging files behind', async (ext) => {
    const root = writeSipFixture(join(tmp(), `as-${ext.replace('.', '-')}`), { name: `sip-${ext.replace('.', '-')}` });
    const target = join(tmp(), `sip.${ext}`);
    if (ext === 'zip') zipFolder(root, target);
    else await tarFolder(root, target, ext === 'tar.gz');
    const staging = join(tmp(), `staging-${ext}`);
    const result = await validatePackage(target, { catalog: CATALOG, stagingDir: staging });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.valid).toBe(true);
    expect(readdirSync(staging)).toEqual([]);
  });

  it('validates schemas by streaming (xmllint --stream) above the in-memory limit, with the same verdicts', async () => {
    const good = writeSipFixture(join(tmp(), 'stream-ok'));
    const ok = await validatePackage(good, { catalog: CATALOG, xsdInMemoryLimit: 0 });
    expect(ok.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    const bad = writeSipFixture(join(tmp(), 'stream-bad'), { editRootMets: (x) => x.replace('<name>Region Testland</name>', '<namez>Region Testland</namez>') });
    const result = await validatePackage(bad, { catalog: CATALOG, xsdInMemoryLimit: 0 });
    expect(result.findings.some((f) => f.id === 'XSD' && f.severity === 'error' && f.location.startsWith('METS.xml:') && f.message.includes('namez'))).toBe(true);
  });

  it('kept warm, starts the next validation\'s schema child ahead, with the same verdicts', async () => {
    const good = writeSipFixture(join(tmp(), 'warm-ok'));
    const bad = writeSipFixture(join(tmp(), 'warm-bad'), { editRootMets: (x) => x.replace('<name>Region Testland</name>', '<namez>Region Testland</namez>') });
    // The module object itself (an `import * as` namespace would be a copy the validator never calls).
    const spawn = jest.spyOn(jest.requireActual<typeof import('node:child_process')>('node:child_process'), 'spawn');
    try {
      expect((await validatePackage(good, { catalog: CATALOG, keepSchemaValidatorWarm: true })).valid).toBe(true);
      // Its own child, then the spare for the next validation.
      expect(spawn.mock.calls.length).toBe(2);
      const result = await validatePackage(bad, { catalog: CATALOG, keepSchemaValidatorWarm: true });
      expect(result.findings.some((f) => f.id === 'XSD' && f.severity === 'error' && f.message.includes('namez'))).toBe(true);
      // The second validation took that spare; the one start it made is the next spare.
      expect(spawn.mock.calls.length).toBe(3);
      expect((await validatePackage(good, { catalog: CATALOG, keepSchemaValidatorWarm: true })).valid).toBe(true);
      // A worker starting up has the first child started; not a second one while one waits.
      const other = join(tmp(), 'other-catalog.xml');
      writeFileSync(other, '<catalog/>');
      const started = spawn.mock.calls.length;
      warmSchemaValidator(other);
      warmSchemaValidator(other);
      warmSchemaValidator(CATALOG);
      expect(spawn.mock.calls.length - started).toBe(1);
    } finally {
      spawn.mockRestore();
    }
  });

  it('reports the missing catalog as a warning and still checks the rules', async () => {
    const root = writeSipFixture(join(tmp(), 'no-catalog'));
    const result = await validatePackage(root);
    expect(result.valid).toBe(true);
    expect(result.findings).toContainEqual(expect.objectContaining({ id: 'XSD', severity: 'warning' }));
  });

  it('validates a package carried in a BagIt bag, including the bag itself', async () => {
    const bag = join(tmp(), 'bag');
    const root = writeSipFixture(join(bag, 'data'), { name: 'bagged' });
    const lines: string[] = [];
    let octets = 0;
    let count = 0;
    const walk = (dir: string, rel: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name), `${rel}/${e.name}`);
        else {
          const data = readFileSync(join(dir, e.name));
          octets += data.length;
          count += 1;
          lines.push(`${createHash('sha256').update(data).digest('hex')}  data${rel}/${e.name}`);
        }
      }
    };
    walk(join(bag, 'data'), '');
    writeFileSync(join(bag, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    writeFileSync(join(bag, 'manifest-sha256.txt'), lines.join('\n') + '\n');
    writeFileSync(join(bag, 'bag-info.txt'), `Payload-Oxum: ${octets}.${count}\n`);
    const ok = await validatePackage(bag, { catalog: CATALOG });
    expect(ok.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(ok).toMatchObject({ valid: true, kind: 'E-ARK SIP' });

    writeFileSync(join(root, 'documentation/readme.txt'), 'changed after bagging\n');
    writeFileSync(join(bag, 'bag-info.txt'), `Payload-Oxum: 1.1\n`);
    mkdirSync(join(bag, 'data/stray'), { recursive: true });
    writeFileSync(join(bag, 'data/stray/x.txt'), 'x');
    const bad = await validatePackage(bag);
    const ids = bad.findings.filter((f) => f.severity === 'error').map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['BAGIT-VALID', 'BAGIT-OXUM', 'BAGIT-COMPLETE']));
  });
});
