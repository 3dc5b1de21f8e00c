import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DigestAlgorithm, hashFileSync, parseDigestAlgorithm } from '@samarkiv/fixity';
import { FindingSink } from '../model/finding';
import { Inventory } from '../reader/folder.walker';

function readTagFile(path: string): string[] {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
}

/** RFC 8493 §2.1.3/§2.2: paths in manifests percent-encode CR, LF and "%". */
function decodeManifestPath(p: string): string {
  return p.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/**
 * Validates a BagIt 1.0 bag (RFC 8493): declaration, payload manifests (all algorithms in one read
 * per file), completeness and Payload-Oxum. Findings use ids BAGIT-*.
 */
export function validateBag(root: string, files: Inventory, sink: FindingSink): void {
  const decl = join(root, 'bagit.txt');
  const lines = readTagFile(decl).filter(Boolean);
  const version = lines.find((l) => l.startsWith('BagIt-Version:'))?.split(':')[1]?.trim();
  const encoding = lines.find((l) => l.startsWith('Tag-File-Character-Encoding:'))?.split(':')[1]?.trim();
  if (!version) sink.error('BAGIT-DECLARATION', 'bagit.txt', 'bagit.txt has no "BagIt-Version" line.');
  else if (!['1.0', '0.97', '0.96'].includes(version)) sink.warning('BAGIT-DECLARATION', 'bagit.txt', `BagIt-Version ${version} is not 1.0.`);
  if (!encoding) sink.error('BAGIT-DECLARATION', 'bagit.txt', 'bagit.txt has no "Tag-File-Character-Encoding" line.');
  if (!existsSync(join(root, 'data'))) sink.error('BAGIT-PAYLOAD', 'data/', 'The bag has no data/ payload folder.');

  const manifests = [...files.keys()].filter((p) => /^manifest-[a-z0-9]+\.txt$/.test(p));
  if (manifests.length === 0) {
    sink.error('BAGIT-MANIFEST', root, 'The bag has no payload manifest (manifest-<algorithm>.txt).');
    return;
  }
  const expected = new Map<string, Map<DigestAlgorithm, string>>();
  for (const manifest of manifests) {
    const algorithm = parseDigestAlgorithm(manifest.slice('manifest-'.length, -'.txt'.length));
    if (!algorithm) {
      sink.warning('BAGIT-MANIFEST', manifest, `Manifest algorithm of ${manifest} is not supported; it is not verified.`);
      continue;
    }
    readTagFile(join(root, manifest)).forEach((line, i) => {
      if (!line.trim()) return;
      const m = /^([0-9a-fA-F]+)\s+(.+)$/.exec(line);
      if (!m) {
        sink.error('BAGIT-MANIFEST', `${manifest}:${i + 1}`, 'Malformed manifest line; expected "<checksum> <path>".');
        return;
      }
      const path = decodeManifestPath(m[2]).replace(/^\.\//, '');
      if (!path.startsWith('data/') || path.split('/').includes('..')) {
        sink.error('BAGIT-MANIFEST', `${manifest}:${i + 1}`, `Manifest path "${path}" is not inside data/.`);
        return;
      }
      const entry = expected.get(path) ?? new Map<DigestAlgorithm, string>();
      entry.set(algorithm, m[1].toLowerCase());
      expected.set(path, entry);
    });
  }
  let octets = 0;
  let count = 0;
  const buffer = Buffer.allocUnsafe(1024 * 1024);
  for (const [path, info] of files) {
    if (!path.startsWith('data/')) continue;
    octets += info.size;
    count += 1;
    if (!expected.has(path)) sink.error('BAGIT-COMPLETE', path, 'Payload file is not listed in the manifest.');
  }
  for (const [path, digests] of expected) {
    if (!files.has(path)) {
      sink.error('BAGIT-COMPLETE', path, 'File listed in the manifest is missing from the payload.');
      continue;
    }
    const result = hashFileSync(join(root, path), digests.keys(), buffer);
    for (const [algorithm, value] of digests) {
      if (result.digests[algorithm] !== value) sink.error('BAGIT-VALID', path, `${algorithm} mismatch: manifest says ${value}, the file has ${result.digests[algorithm]}.`);
    }
  }
  if (files.has('bag-info.txt')) {
    const oxum = readTagFile(join(root, 'bag-info.txt')).find((l) => l.startsWith('Payload-Oxum:'));
    const m = oxum ? /^Payload-Oxum:\s*(\d+)\.(\d+)\s*$/.exec(oxum) : null;
    if (oxum && !m) sink.error('BAGIT-OXUM', 'bag-info.txt', 'Payload-Oxum is not "<octets>.<streamcount>".');
    if (m && (Number(m[1]) !== octets || Number(m[2]) !== count)) {
      sink.error('BAGIT-OXUM', 'bag-info.txt', `Payload-Oxum says ${m[1]}.${m[2]}; the payload has ${octets}.${count}.`);
    }
  }
}
