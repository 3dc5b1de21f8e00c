import { readFileSync } from 'node:fs';
import { DEFAULT_READ_LIMITS } from '../identify/identification';
import { REAL_SIGNATURES } from '../testing/real-signatures';
import { synthesize } from '../testing/signature-synthesizer';
import { compileSignatureFile } from './signature-file.compiler';
import { SignatureSet } from './signature-set';

describe('every PRONOM V122 signature against a file synthesized from it', () => {
  it('matches its own format in the raw hits', () => {
    const compiled = compileSignatureFile(readFileSync(REAL_SIGNATURES.signatureFile as string));
    const set = new SignatureSet(compiled, DEFAULT_READ_LIMITS);
    const formatOf = new Map<number, string[]>();
    for (const f of compiled.formats) for (const id of f.signatureIds) formatOf.set(id, [...(formatOf.get(id) ?? []), f.puid]);
    let tried = 0;
    const misses: string[] = [];
    for (const sig of compiled.signatures) {
      const puids = formatOf.get(sig.id);
      const bytes = synthesize(sig);
      if (!puids || !bytes) continue;
      tried++;
      const hits = set.matchAll({ bof: bytes, eof: bytes }).map((f) => f.puid);
      if (!puids.some((p) => hits.includes(p))) misses.push(`${sig.id} (${puids.join(',')})`);
    }
    expect(tried).toBeGreaterThan(2000);
    expect(misses).toEqual([]);
  });
});
