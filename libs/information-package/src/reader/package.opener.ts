import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { DigestAlgorithm, FixityResult } from '@samarkiv/fixity';
import { FindingSink } from '../model/finding';
import { PackageListing, walkPackageFolder } from './folder.walker';
import { PackageRejection } from './package-rejection';
import { DEFAULT_READ_LIMITS, ReadLimits } from './read-limits';
import { EntryRegistry } from './entry-registry';
import { extractTar } from './tar.reader';
import { extractTarFile } from './tar-file.reader';
import { extractZip } from './zip.reader';

export type ContainerType = 'folder' | 'zip' | 'tar' | 'tar.gz';

export interface OpenPackageOptions {
  /** Where containers are extracted; a fresh sub-folder is made per package. Defaults to the OS temp dir. */
  stagingDir?: string;
  limits?: Partial<ReadLimits>;
  /** Hash every extracted file with these while writing it (containers only), and a TAR container itself. */
  digests?: readonly DigestAlgorithm[];
  /** The TAR container's own digests, when they differ from `digests` ([] when the caller has them already). */
  containerDigests?: readonly DigestAlgorithm[];
  /**
   * Start writing large entries to disk while they are extracted, so that a caller who then makes
   * the extraction durable (fsync) finds little left to write.
   */
  flushLargeFiles?: boolean;
  /** Sees each small extracted file's bytes (containers only; paths as in the container; valid during the call only). */
  onSmallFile?: (path: string, data: Buffer) => void | Promise<void>;
}

export interface OpenedPackage {
  container: ContainerType;
  /** Absolute path of the package root folder, or null when the package was refused. */
  root: string | null;
  rootName: string;
  listing: PackageListing;
  /** With `digests`: each extracted file's digests, by path relative to `root`. */
  fileDigests?: Map<string, FixityResult>;
  /** With `digests`, for a TAR: the container file's digests, from the same read. */
  containerDigests?: FixityResult;
  dispose(): Promise<void>;
}

const ROOT_MARKERS = ['METS.xml', 'mets.xml', 'sip.xml', 'bagit.txt'];

export function sniffContainer(path: string): ContainerType | undefined {
  if (statSync(path).isDirectory()) return 'folder';
  const head = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  let n: number;
  try {
    n = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (n >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'zip';
  if (n >= 4 && head.readUInt32LE(0) === 0x06054b50) return 'zip';
  if (n >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz';
  if (n >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  if (/\.tar$/i.test(path)) return 'tar';
  return undefined;
}

/**
 * Opens a package for validation: folders are read in place, containers are extracted into a private
 * staging folder. A refused container leaves nothing behind; the reason is a finding in `sink`.
 */
export async function openPackage(path: string, sink: FindingSink, options: OpenPackageOptions = {}): Promise<OpenedPackage> {
  const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
  const none = async (): Promise<void> => undefined;
  const refused = (container: ContainerType): OpenedPackage => ({ container, root: null, rootName: basename(path), listing: { files: new Map(), dirs: new Set() }, dispose: none });
  let container: ContainerType | undefined;
  try {
    container = sniffContainer(path);
  } catch (err) {
    sink.error('READ-IO', path, `Cannot read the package: ${(err as Error).message}`);
    return refused('folder');
  }
  if (!container) {
    sink.error('READ-FORMAT', basename(path), 'Not a folder, ZIP, TAR or gzip-compressed TAR file.');
    return refused('folder');
  }
  if (container === 'folder') return openFolder(path, sink);

  const parent = options.stagingDir ?? tmpdir();
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, 'package-'));
  const dispose = (): Promise<void> => rm(staging, { recursive: true, force: true });
  let registry: EntryRegistry & { containerDigests?: FixityResult };
  try {
    const extract = { digests: options.digests, flushLargeFiles: options.flushLargeFiles, onSmallFile: options.onSmallFile };
    const containerDigests = options.containerDigests ?? options.digests;
    if (container === 'zip') registry = await extractZip(path, staging, limits, extract);
    else if (container === 'tar') registry = await extractTarFile(path, staging, limits, { ...extract, containerDigests });
    else registry = await extractTar(path, staging, limits, true, { ...extract, containerDigests });
  } catch (err) {
    await dispose();
    if (err instanceof PackageRejection) {
      sink.error(err.findingId, err.location ? `${basename(path)}!${err.location}` : basename(path), `Package refused: ${err.message}.`);
    } else {
      sink.error('READ-IO', basename(path), `Package refused: ${(err as Error).message}.`);
    }
    return refused(container);
  }
  const top = readdirSync(staging, { withFileTypes: true });
  if (top.length !== 1 || !top[0].isDirectory()) {
    await dispose();
    sink.error(
      'CSIPSTR1',
      basename(path),
      `The archive must unpack to exactly one root folder; it holds ${top.map((d) => (d.isDirectory() ? `${d.name}/` : d.name)).join(', ') || 'nothing'}.`,
    );
    return refused(container);
  }
  const root = join(staging, top[0].name);
  const opened: OpenedPackage = { container, root, rootName: top[0].name, listing: walkPackageFolder(root, sink), dispose };
  if (options.digests?.length) {
    const prefix = `${top[0].name}/`;
    opened.fileDigests = new Map([...registry.digests].filter(([p]) => p.startsWith(prefix)).map(([p, d]) => [p.slice(prefix.length), d]));
    opened.containerDigests = registry.containerDigests;
  }
  return opened;
}

function openFolder(path: string, sink: FindingSink): OpenedPackage {
  const entries = readdirSync(path, { withFileTypes: true });
  let root = path;
  if (!entries.some((e) => ROOT_MARKERS.includes(e.name))) {
    const dirs = entries.filter((e) => e.isDirectory());
    if (dirs.length === 1 && entries.length === 1) root = join(path, dirs[0].name);
  }
  return { container: 'folder', root, rootName: basename(root), listing: walkPackageFolder(root, sink), dispose: async () => undefined };
}
