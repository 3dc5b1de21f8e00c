import * as CFB from 'cfb';
import { zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { PrefixSuffixSource } from '../identify/random-access-source';
import { compileContainerSignatureFile } from '../signature/signature-file.compiler';
import { CompiledContainerSignature } from '../signature/compiled-signature';
import { REAL_SIGNATURES } from '../testing/real-signatures';
import { synthesize } from '../testing/signature-synthesizer';
import { ContainerMatcher } from './container.matcher';

function entryBytes(file: CompiledContainerSignature['files'][number]): Buffer {
  for (const sig of file.signatures) {
    const bytes = synthesize(sig);
    if (bytes) return bytes;
  }
  return Buffer.from('placeholder');
}

function buildZip(sig: CompiledContainerSignature): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const f of sig.files) files[f.path.endsWith('/') ? `${f.path}placeholder` : f.path] = entryBytes(f);
  return Buffer.from(zipSync(files));
}

function buildOle2(sig: CompiledContainerSignature): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (const f of sig.files) CFB.utils.cfb_add(cfb, `/${f.path}`, entryBytes(f));
  return Buffer.from(CFB.write(cfb, { type: 'buffer' }) as Uint8Array);
}

describe('every container signature against a container synthesized from it', () => {
  it('finds the signature’s PUIDs in ZIP and OLE2 containers', async () => {
    const compiled = compileContainerSignatureFile(readFileSync(REAL_SIGNATURES.containerSignatureFile as string));
    const matcher = new ContainerMatcher(compiled, 1 << 20);
    const misses: string[] = [];
    let tried = 0;
    for (const sig of compiled.signatures) {
      if (sig.puids.length === 0) continue;
      const bytes = sig.type === 'ZIP' ? buildZip(sig) : buildOle2(sig);
      tried++;
      const found = await matcher.match(sig.type, new PrefixSuffixSource(bytes, bytes, bytes.length));
      if (!sig.puids.some((p) => found.puids.includes(p))) misses.push(`${sig.id} ${sig.type} (${sig.puids.join(',')}) ${found.problem ?? ''}`);
    }
    expect(tried).toBeGreaterThan(250);
    expect(misses).toEqual([]);
  });
});
