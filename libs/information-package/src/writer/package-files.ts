import { DigestAlgorithm, FixityResult } from '@samarkiv/fixity';
import { mediaTypeOf } from './media-type';
import { MetsFileFacts } from './mets.model';
import { PackageOutput } from './package-output.writer';
import { PackageWriterError, PackageWriterErrorCode } from './package-writer.errors';

/** A file written into a package, with the digests computed while it was written. */
export interface BuiltFile {
  /** Package-relative path ('/'-separated, without the root folder). */
  path: string;
  size: number;
  mimeType: string;
  digests: Partial<Record<DigestAlgorithm, string>>;
}

/**
 * Records every file that goes into a package, so METS can describe each one with the size and
 * checksum of the bytes actually written.
 */
export class PackageFiles {
  readonly files: BuiltFile[] = [];
  private readonly paths = new Set<string>();

  constructor(
    private readonly output: PackageOutput,
    readonly checksumType: DigestAlgorithm,
    readonly created: string,
  ) {}

  async copy(source: string, path: string, mimeType = mediaTypeOf(path)): Promise<BuiltFile> {
    this.claim(path);
    return this.record(path, mimeType, await this.output.copyFile(source, path));
  }

  async write(path: string, data: Buffer, mimeType = mediaTypeOf(path)): Promise<BuiltFile> {
    this.claim(path);
    return this.record(path, mimeType, await this.output.writeBuffer(path, data));
  }

  /** METS facts for a file, with the href relative to the METS file at `metsDir` ('' for the root). */
  facts(file: BuiltFile, metsDir = ''): MetsFileFacts {
    const digest = file.digests[this.checksumType];
    if (digest === undefined) throw new Error(`no ${this.checksumType} digest for ${file.path}`);
    return {
      href: metsDir === '' ? file.path : file.path.slice(metsDir.length + 1),
      mimeType: file.mimeType,
      size: file.size,
      created: this.created,
      checksum: digest,
      checksumType: this.checksumType,
    };
  }

  private claim(path: string): void {
    if (this.paths.has(path)) throw new PackageWriterError(PackageWriterErrorCode.DuplicatePath, `two inputs map to the same package path: ${path}`);
    this.paths.add(path);
  }

  private record(path: string, mimeType: string, result: FixityResult): BuiltFile {
    const file: BuiltFile = { path, size: result.size, mimeType, digests: result.digests };
    this.files.push(file);
    return file;
  }
}

/**
 * Writes a whole package through `output`: the content callback adds files, then the output is
 * finished, or aborted on any failure so that nothing half-written stays behind.
 */
export async function writeWholePackage(
  output: PackageOutput,
  checksumType: DigestAlgorithm,
  now: string,
  objid: string,
  writeContent: (files: PackageFiles) => Promise<void>,
): Promise<{ path: string; objid: string; files: BuiltFile[]; bytes: number }> {
  try {
    const files = new PackageFiles(output, checksumType, now);
    await writeContent(files);
    const result = await output.finish();
    return { path: result.path, objid, files: files.files, bytes: result.bytes };
  } catch (error) {
    await output.abort();
    throw error;
  }
}
