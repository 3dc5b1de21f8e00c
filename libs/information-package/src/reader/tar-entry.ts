import { checkEntryName } from './entry-name';
import { EntryRegistry } from './entry-registry';
import { PackageRejection } from './package-rejection';
import { ReadLimits } from './read-limits';

/** What the TAR readers need of a header (tar-stream's or tar-header's). */
export interface TarEntryHeader {
  name: string;
  type: string | null;
  size?: number | null;
}

/** What to do with an entry that passed the checks. */
export type AdmittedEntry = { kind: 'skip' } | { kind: 'dir'; path: string } | { kind: 'file'; path: string; size: number };

const KIND_NAMES: Record<string, string> = {
  symlink: 'a symbolic link',
  link: 'a hard link',
  'character-device': 'a character device',
  'block-device': 'a block device',
  fifo: 'a FIFO',
  'contiguous-file': 'a contiguous file',
};

/** GNU and BSD tar write "./name"; that prefix is harmless, so it is dropped before the checks. */
function stripDotSlash(name: string): string {
  let n = name;
  while (n.startsWith('./')) n = n.slice(2);
  return n;
}

/**
 * The checks every TAR entry passes before anything is written: only regular files and folders,
 * a safe relative name, no duplicate, the total size limit and (compressed TARs) the inflation
 * ratio. Throws the rejection that stops the extraction.
 */
export function admitTarEntry(header: TarEntryHeader, registry: EntryRegistry, limits: ReadLimits, compressedSize: number): AdmittedEntry {
  const rawName = header.name;
  const name = stripDotSlash(rawName);
  if (name === '' || name === '.') return { kind: 'skip' };
  const type = header.type ?? 'file';
  if (type !== 'file' && type !== 'directory') {
    const kind = KIND_NAMES[type] ?? `a "${type}" entry`;
    throw new PackageRejection('READ-LINK', `entry is ${kind}; only regular files and folders are accepted`, rawName);
  }
  const check = checkEntryName(type === 'directory' && !name.endsWith('/') ? `${name}/` : name, limits.maxPathLength);
  if (!check.ok) throw new PackageRejection(check.code, check.reason, rawName);
  const duplicate = registry.register(check.path, check.isDir);
  if (duplicate) throw new PackageRejection('READ-DUPLICATE', duplicate, rawName);
  if (check.isDir) return { kind: 'dir', path: check.path };
  const declared = header.size ?? 0;
  if (registry.bytes + declared > limits.maxTotalBytes) {
    throw new PackageRejection('READ-SIZE', `uncompressed content exceeds the limit of ${limits.maxTotalBytes} bytes`, rawName);
  }
  if (compressedSize > 0) {
    const inflated = registry.bytes + declared;
    if (inflated >= limits.ratioThresholdBytes && inflated / compressedSize > limits.maxCompressionRatio) {
      throw new PackageRejection('READ-BOMB', `compression ratio exceeds ${limits.maxCompressionRatio}:1 (possible gzip bomb)`, rawName);
    }
  }
  return { kind: 'file', path: check.path, size: declared };
}
