import { OcflInventory } from '@samarkiv/storage';
import { summarize } from './copy-check';
import { stateOf } from './copy-state';

describe('catalogue summaries', () => {
  const inv = {
    id: 'urn:samarkiv:region-a:aip:x',
    type: 'https://ocfl.io/1.1/spec/#inventory',
    digestAlgorithm: 'sha512',
    head: 'v2',
    manifest: { d1: ['v1/content/a.xml'], d2: ['v1/content/big.bin'], d3: ['v2/content/c.xml'] },
    versions: {
      v1: { created: '2026-11-25T12:00:00Z', state: { d1: ['a.xml'], d2: ['big.bin'] } },
      // The same content under two logical paths counts twice, as the files a reader sees.
      v2: { created: '2026-11-25T13:00:00Z', state: { d1: ['a.xml', 'copy-of-a.xml'], d3: ['c.xml'] } },
    },
  } as unknown as OcflInventory;

  it('counts the head version\'s logical files and bytes', () => {
    const sizes = new Map([
      ['v1/content/a.xml', 10],
      ['v1/content/big.bin', 1000],
      ['v2/content/c.xml', 5],
    ]);
    expect(stateOf(inv, sizes, 'digest')).toEqual({ head: 'v2', fileCount: 3, totalBytes: 25, inventoryDigest: 'digest' });
  });

  it('summarises findings as kinds and file counts, without paths', () => {
    const check = summarize('primary', [
      { kind: 'changed', path: 'v1/content/patient-19121212.xml', message: 'x' },
      { kind: 'missing', path: 'v1/content/b.xml', message: 'x' },
      { kind: 'changed', path: 'v1/content/patient-19121212.xml', message: 'again' },
    ]);
    expect(check).toEqual({ location: 'primary', ok: false, kinds: ['changed', 'missing'], files: 2 });
    expect(JSON.stringify(check)).not.toContain('patient');
    expect(summarize('primary', [])).toEqual({ location: 'primary', ok: true, kinds: [], files: 0 });
  });
});
