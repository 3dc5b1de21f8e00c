import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createWriteStream } from 'node:fs';
import { Header, pack } from 'tar-stream';
import { validatePackage } from '@samarkiv/information-package';
import { expectFinding } from './support/expect-finding';
import { writeSipFixture } from './support/sip-fixture';
import { useTempDir } from './support/temp-dir';
import { buildZip, RawZipEntry } from './support/zip-builder';

const METS_OK = 'pkg/METS.xml';

jest.setTimeout(60_000);

describe('hostile containers are refused with a finding and leave nothing behind', () => {
  const tmp = useTempDir('hostile');

  async function refuse(file: string, id: string, limits = {}): Promise<void> {
    const staging = join(tmp(), `staging-${id}-${readdirSync(tmp()).length}`);
    const result = await validatePackage(file, { stagingDir: staging, limits });
    expectFinding(result, id, 'error');
    expect(result.valid).toBe(false);
    expect(existsSync(staging) ? readdirSync(staging) : []).toEqual([]);
  }

  function zip(name: string, entries: RawZipEntry[]): string {
    const file = join(tmp(), name);
    writeFileSync(file, buildZip(entries));
    return file;
  }

  async function tar(name: string, entries: Array<{ header: Record<string, unknown>; body?: string }>): Promise<string> {
    const file = join(tmp(), name);
    const p = pack();
    for (const e of entries) {
      if (e.body === undefined) p.entry(e.header as unknown as Header);
      else p.entry(e.header as unknown as Header, e.body);
    }
    p.finalize();
    await pipeline(p, createWriteStream(file));
    return file;
  }

  it('zip-slip with ../', () => refuse(zip('slip.zip', [{ name: METS_OK, data: '<x/>' }, { name: 'pkg/../../evil.txt', data: 'x' }]), 'READ-TRAVERSAL'));
  it('absolute entry path', () => refuse(zip('abs.zip', [{ name: '/etc/cron.d/evil', data: 'x' }]), 'READ-TRAVERSAL'));
  it('Windows drive path', () => refuse(zip('drive.zip', [{ name: 'C:/evil.txt', data: 'x' }]), 'READ-TRAVERSAL'));
  it('backslash separators', () => refuse(zip('backslash.zip', [{ name: 'pkg\\..\\evil.txt', data: 'x' }]), 'READ-NAME'));
  it('symlink entry in a ZIP', () => refuse(zip('link.zip', [{ name: 'pkg/link', data: '/etc/passwd', mode: 0o120777 }]), 'READ-LINK'));
  it('device entry in a ZIP', () => refuse(zip('dev.zip', [{ name: 'pkg/dev', data: '', mode: 0o020644 }]), 'READ-LINK'));
  it('duplicate entries', () => refuse(zip('dup.zip', [{ name: METS_OK, data: 'a' }, { name: METS_OK, data: 'b' }]), 'READ-DUPLICATE'));
  it('a name that is both file and folder', () => refuse(zip('clash.zip', [{ name: 'pkg/a', data: 'a' }, { name: 'pkg/a/b', data: 'b' }]), 'READ-DUPLICATE'));
  it('name that is not UTF-8', () => refuse(zip('latin1.zip', [{ name: Buffer.from([0x70, 0x6b, 0x67, 0x2f, 0xe5, 0x2e, 0x74, 0x78, 0x74]), data: 'x' }]), 'READ-NAME'));
  it('zip bomb by compression ratio', () => refuse(zip('bomb.zip', [{ name: 'pkg/zeros.bin', data: Buffer.alloc(50 * 1024 * 1024), deflate: true }]), 'READ-BOMB'));
  it('total size above the configured limit', () =>
    refuse(zip('big.zip', [{ name: 'pkg/a.bin', data: Buffer.alloc(4096, 1) }, { name: 'pkg/b.bin', data: Buffer.alloc(4096, 2) }]), 'READ-SIZE', { maxTotalBytes: 6000 }));
  it('too many entries', () => refuse(zip('many.zip', [{ name: 'pkg/a', data: 'a' }, { name: 'pkg/b', data: 'b' }, { name: 'pkg/c', data: 'c' }]), 'READ-SIZE', { maxEntries: 2 }));
  it('truncated ZIP', () => {
    const file = join(tmp(), 'truncated.zip');
    writeFileSync(file, buildZip([{ name: METS_OK, data: 'x'.repeat(1000) }]).subarray(0, 200));
    return refuse(file, 'READ-ZIP');
  });
  it('two root folders (CSIPSTR1)', () => refuse(zip('two-roots.zip', [{ name: 'a/METS.xml', data: 'x' }, { name: 'b/METS.xml', data: 'x' }]), 'CSIPSTR1'));
  it('files at the archive root (CSIPSTR1)', () => refuse(zip('flat.zip', [{ name: 'METS.xml', data: 'x' }]), 'CSIPSTR1'));

  it('TAR with ../ traversal', async () => refuse(await tar('slip.tar', [{ header: { name: 'pkg/../../evil' }, body: 'x' }]), 'READ-TRAVERSAL'));
  it('TAR symlink', async () => refuse(await tar('symlink.tar', [{ header: { name: 'pkg/l', type: 'symlink', linkname: '/etc/passwd' } }]), 'READ-LINK'));
  it('TAR hard link', async () =>
    refuse(await tar('hardlink.tar', [{ header: { name: 'pkg/a' }, body: 'a' }, { header: { name: 'pkg/b', type: 'link', linkname: 'pkg/a' } }]), 'READ-LINK'));
  it('TAR device file', async () => refuse(await tar('dev.tar', [{ header: { name: 'pkg/sda', type: 'block-device' } }]), 'READ-LINK'));
  it('TAR duplicate entry', async () =>
    refuse(await tar('dup.tar', [{ header: { name: 'pkg/a' }, body: 'a' }, { header: { name: 'pkg/a' }, body: 'b' }]), 'READ-DUPLICATE'));
  it('not an archive at all', async () => {
    const file = join(tmp(), 'note.txt');
    writeFileSync(file, 'hello');
    await refuse(file, 'READ-FORMAT');
  });

  it('refuses a METS with a DOCTYPE (XXE) before parsing it', async () => {
    const root = writeSipFixture(join(tmp(), 'xxe'), {
      editRootMets: (x) => x.replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE mets [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    });
    const result = await validatePackage(root);
    expectFinding(result, 'XML-DOCTYPE', 'error');
    expect(JSON.stringify(result)).not.toContain('root:x:0:0');
  });

  it('refuses a billion-laughs PREMIS file', async () => {
    const lol = '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<premis xmlns="http://www.loc.gov/premis/v3">&lol2;</premis>';
    const root = writeSipFixture(join(tmp(), 'lol'), { extraFiles: { 'metadata/preservation/lol.xml': lol } });
    const result = await validatePackage(root);
    expectFinding(result, 'XML-DOCTYPE', 'error');
  });

  it('refuses symlinks and hard links in a folder package', async () => {
    const root = writeSipFixture(join(tmp(), 'links'));
    symlinkSync('/etc/passwd', join(root, 'documentation/passwd'));
    linkSync(join(root, 'documentation/readme.txt'), join(root, 'documentation/readme-again.txt'));
    const result = await validatePackage(root);
    const links = result.findings.filter((f) => f.id === 'READ-LINK');
    expect(links.map((f) => f.location).sort()).toEqual(['documentation/passwd', 'documentation/readme-again.txt', 'documentation/readme.txt']);
    expect(result.valid).toBe(false);
  });

  it('accepts "./"-prefixed TAR names (GNU tar style)', async () => {
    const root = writeSipFixture(join(tmp(), 'dot'), { name: 'dotted' });
    const entries: Array<{ header: Record<string, unknown>; body?: string }> = [];
    const walk = (dir: string, rel: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const r = `${rel}/${e.name}`;
        if (e.isDirectory()) {
          entries.push({ header: { name: `.${r}/`, type: 'directory' } });
          walk(join(dir, e.name), r);
        } else entries.push({ header: { name: `.${r}` }, body: readFileSync(join(dir, e.name), 'utf8') });
      }
    };
    mkdirSync(join(tmp(), 'unused'), { recursive: true });
    walk(join(root, '..'), '');
    const file = await tar('dotted.tar', entries);
    const result = await validatePackage(file);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});
