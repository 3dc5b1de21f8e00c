import yauzl, { Entry, ZipFile } from 'yauzl';
import { Readable } from 'node:stream';
import { checkEntryName, decodeUtf8Name } from './entry-name';
import { EntryRegistry, ExtractOptions } from './entry-registry';
import { makeDir, writeEntry } from './entry-writer';
import { PackageRejection } from './package-rejection';
import { ReadLimits } from './read-limits';

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const MADE_BY_UNIX = 3;

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings:false hands us raw name bytes so we can insist on strict UTF-8 ourselves.
    yauzl.open(path, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true }, (err, zip) =>
      err || !zip ? reject(new PackageRejection('READ-ZIP', `not a readable ZIP file: ${err?.message ?? 'unknown error'}`)) : resolve(zip),
    );
  });
}

function openEntry(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err || !stream ? reject(err) : resolve(stream)));
  });
}

function checkEntryKind(entry: Entry, name: string): void {
  if ((entry.generalPurposeBitFlag & 0x1) !== 0) throw new PackageRejection('READ-ENCRYPTED', 'encrypted ZIP entries are not accepted', name);
  const madeBy = entry.versionMadeBy >> 8;
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (madeBy === MADE_BY_UNIX && mode !== 0 && mode !== S_IFREG && mode !== S_IFDIR) {
    const kind = mode === 0o120000 ? 'a symbolic link' : 'a special file (device, FIFO or socket)';
    throw new PackageRejection('READ-LINK', `entry is ${kind}; only regular files and folders are accepted`, name);
  }
}

function checkRatio(entry: Entry, name: string, limits: ReadLimits): void {
  if (entry.uncompressedSize < limits.ratioThresholdBytes) return;
  const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
  if (ratio > limits.maxCompressionRatio) {
    throw new PackageRejection(
      'READ-BOMB',
      `compression ratio ${Math.round(ratio)}:1 exceeds the limit of ${limits.maxCompressionRatio}:1 (possible zip bomb)`,
      name,
    );
  }
}

/** Extracts a ZIP into targetRoot, refusing the whole archive at the first hostile entry. */
export async function extractZip(path: string, targetRoot: string, limits: ReadLimits, options: ExtractOptions = {}): Promise<EntryRegistry> {
  const zip = await openZip(path);
  const registry = new EntryRegistry(limits, options);
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new PackageRejection('READ-SIZE', `archive has ${zip.entryCount} entries; the limit is ${limits.maxEntries}`);
  }
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(err instanceof PackageRejection ? err : new PackageRejection('READ-ZIP', `corrupt ZIP: ${err.message}`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        handleEntry(zip, entry, targetRoot, registry, limits).then(
          () => zip.readEntry(),
          (err: unknown) => reject(err instanceof PackageRejection ? err : new PackageRejection('READ-ZIP', `corrupt ZIP entry: ${(err as Error).message}`)),
        );
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
    await registry.close();
  }
  return registry;
}

async function handleEntry(zip: ZipFile, entry: Entry, targetRoot: string, registry: EntryRegistry, limits: ReadLimits): Promise<void> {
  const raw = entry.fileName as unknown as Buffer;
  const decoded = decodeUtf8Name(raw);
  if (decoded === undefined) throw new PackageRejection('READ-NAME', `entry name is not valid UTF-8 (bytes ${raw.toString('hex')})`);
  const check = checkEntryName(decoded, limits.maxPathLength);
  if (!check.ok) throw new PackageRejection(check.code, check.reason, decoded);
  checkEntryKind(entry, decoded);
  const duplicate = registry.register(check.path, check.isDir);
  if (duplicate) throw new PackageRejection('READ-DUPLICATE', duplicate, decoded);
  if (check.isDir) return makeDir(targetRoot, check.path);
  checkRatio(entry, decoded, limits);
  const planned = registry.bytes + entry.uncompressedSize;
  if (planned > limits.maxTotalBytes) throw new PackageRejection('READ-SIZE', `uncompressed content exceeds the limit of ${limits.maxTotalBytes} bytes`, decoded);
  await writeEntry(await openEntry(zip, entry), targetRoot, check.path, registry, entry.uncompressedSize);
}
