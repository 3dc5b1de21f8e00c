import { Readable } from 'node:stream';
import { extname } from 'node:path';
import { builtinContainerFile, builtinSignatureFile } from '../builtin/builtin-formats';
import { detectText, looksLikeCsv } from '../builtin/text-detector';
import { ContainerMatcher } from '../container/container.matcher';
import { ScanWindow } from '../signature/byte-sequence.matcher';
import { FormatInfo } from '../signature/compiled-signature';
import { loadCompiled } from '../signature/signature-cache';
import { compileContainerSignatureFile, compileSignatureFile } from '../signature/signature-file.compiler';
import { SignatureSet, WindowSizes } from '../signature/signature-set';
import { DEFAULT_READ_LIMITS, Identification, IdentificationBasis, ReadLimits } from './identification';
import { PLAIN_PDF_PUIDS, pdfaPuidFromXmp } from './pdfa-xmp';
import { FileSource, PrefixSuffixSource, RandomAccessSource } from './random-access-source';

export interface IdentifierOptions {
  /** `DROID_SignatureFile_V*.xml`; without it the built-in table is used. */
  signatureFile?: string;
  /** `container-signature-*.xml`; without it the built-in ZIP office signatures are used. */
  containerSignatureFile?: string;
  /** Where compiled signature files are cached, keyed by the source file's sha256. */
  cacheDir?: string;
  limits?: Partial<ReadLimits>;
}

/** An identification plus how many bytes of the file were read to reach it. */
export interface FileIdentification extends Identification {
  bytesRead: number;
}

/** Identifies files the way DROID does, with bounded reads. Create once, use for many files. */
export class FormatIdentifier {
  private constructor(
    private readonly signatures: SignatureSet,
    private readonly containers: ContainerMatcher,
    private readonly builtin: boolean,
    private readonly builtinFormats: SignatureSet,
    readonly limits: ReadLimits,
  ) {}

  static async create(options: IdentifierOptions = {}): Promise<FormatIdentifier> {
    const limits = { ...DEFAULT_READ_LIMITS, ...options.limits };
    const builtinSet = new SignatureSet(builtinSignatureFile(), limits);
    const signatures = options.signatureFile
      ? new SignatureSet((await loadCompiled(options.signatureFile, 'signatures', compileSignatureFile, options.cacheDir)).compiled, limits)
      : builtinSet;
    const containerFile = options.containerSignatureFile
      ? (await loadCompiled(options.containerSignatureFile, 'containers', compileContainerSignatureFile, options.cacheDir)).compiled
      : builtinContainerFile();
    return new FormatIdentifier(signatures, new ContainerMatcher(containerFile, limits.maxContainerEntryBytes), !options.signatureFile, builtinSet, limits);
  }

  /** Signature file and container file versions in use ("builtin" for the fallback table). */
  get versions(): { signatures: string; containers: string } {
    return { signatures: this.signatures.version, containers: this.containers.version };
  }

  /** Bytes to keep from each end of a file for `identifyBuffer` to decide every signature. */
  get windows(): WindowSizes {
    return this.signatures.windows;
  }

  async identifyFile(path: string): Promise<FileIdentification> {
    const source = await FileSource.open(path);
    try {
      const result = await this.identifySource(source, path);
      return { ...result, bytesRead: source.bytesRead };
    } finally {
      await source.close();
    }
  }

  /**
   * For callers that already read the file: `prefix` are its first bytes, `suffix` its last,
   * `size` its length. Containers whose entries lie outside both are reported as not inspected.
   */
  identifyBuffer(prefix: Buffer, suffix: Buffer, size: number, name: string): Promise<Identification> {
    const source = new PrefixSuffixSource(prefix, suffix, size);
    return this.identifySource(source, name, source.window());
  }

  /** Reads a stream once, keeping only the head and tail the signatures need. */
  async identifyStream(stream: Readable, name: string): Promise<Identification> {
    const { bof, eof } = this.windows;
    const keep = Math.max(bof, eof, 65_557 + this.limits.maxContainerEntryBytes);
    const head: Buffer[] = [];
    let headLen = 0;
    const tail: Buffer[] = [];
    let tailLen = 0;
    let size = 0;
    for await (const chunk of stream) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buf.length;
      if (headLen < keep) {
        head.push(buf.subarray(0, keep - headLen));
        headLen += Math.min(buf.length, keep - headLen);
      }
      tail.push(buf);
      tailLen += buf.length;
      while (tail.length > 1 && tailLen - tail[0].length >= keep) tailLen -= (tail.shift() as Buffer).length;
    }
    const suffix = Buffer.concat(tail);
    return this.identifyBuffer(Buffer.concat(head), suffix.subarray(Math.max(0, suffix.length - keep)), size, name);
  }

  private async readWindow(source: RandomAccessSource): Promise<ScanWindow> {
    const { bof, eof } = this.windows;
    if (source.size <= bof + eof) {
      const whole = await source.read(0, source.size);
      return { bof: whole, eof: whole };
    }
    return { bof: await source.read(0, bof), eof: await source.read(source.size - eof, eof) };
  }

  private async identifySource(source: RandomAccessSource, path: string, given?: ScanWindow): Promise<Identification> {
    const ext = extname(path).slice(1).toLowerCase();
    if (source.size === 0) return this.result(path, null, 'none', ['empty file']);
    const win = given ?? (await this.readWindow(source));
    const warnings: string[] = [];
    let basis: IdentificationBasis = this.builtin ? 'builtin' : 'signature';
    const set = this.signatures;
    const scores = new Map<number, number>();
    const hits = set.matchAll(win, scores);
    let candidates = set.resolvePriority(hits);

    // Triggers are looked for among all hits, before priorities: an ODF or OOXML signature
    // that outranks plain ZIP must not stop the container check that names its exact version.
    const trigger = hits.map((f) => this.containers.triggerFor(f.puid)).find((t) => t !== undefined);
    if (trigger) {
      const found = await this.containers.match(trigger, source);
      if (found.problem) warnings.push(found.problem);
      const formats = found.puids.map((p) => set.byPuid(p) ?? this.builtinFormats.byPuid(p)).filter((f): f is FormatInfo => !!f);
      if (formats.length > 0) {
        candidates = set.resolvePriority(formats);
        if (!this.builtin) basis = 'container';
      }
    }

    if (candidates.length === 0 && this.builtin) {
      if (detectText(win.bof)) {
        const csv = ext === 'csv' || (ext !== 'txt' && looksLikeCsv(win.bof));
        candidates = [set.byPuid(csv ? 'x-fmt/18' : 'x-fmt/111') as FormatInfo];
      }
    }

    if (candidates.length === 0 && ext) {
      const byExt = set.byExtension(ext);
      // Formats that have signatures would have matched them; those without can only be named by extension.
      const unsigned = byExt.filter((f) => f.signatureIds.length === 0);
      candidates = unsigned.length > 0 ? unsigned : byExt;
      if (candidates.length > 0) {
        basis = 'extension';
        warnings.push(`identified by extension .${ext} only`);
      }
    }
    if (candidates.length === 0) return this.result(path, null, 'none', warnings);

    // Ties go to the format the file's extension names, then to the most specific signature.
    const rank = (f: FormatInfo) => (f.extensions.includes(ext) ? 1e9 : 0) + (scores.get(f.id) ?? 0);
    let chosen = candidates.reduce((best, f) => (rank(f) > rank(best) ? f : best), candidates[0]);
    if (candidates.length > 1) warnings.push(`several formats matched: ${candidates.map((f) => f.puid).join(', ')}`);

    if (PLAIN_PDF_PUIDS.has(chosen.puid)) {
      const pdfa = pdfaPuidFromXmp(win.bof, win.eof);
      const refined = pdfa ? (set.byPuid(pdfa) ?? this.builtinFormats.byPuid(pdfa)) : undefined;
      if (refined) chosen = refined;
    }
    if (basis !== 'extension' && ext && chosen.extensions.length > 0 && !chosen.extensions.includes(ext)) {
      warnings.push(`extension mismatch: .${ext} is not an extension of ${chosen.puid} (${chosen.extensions.map((e) => '.' + e).join(', ')})`);
    }
    return this.result(path, chosen, basis, warnings);
  }

  private result(path: string, format: FormatInfo | null, basis: IdentificationBasis, warnings: string[]): Identification {
    return {
      path,
      puid: format?.puid ?? null,
      name: format?.name ?? '',
      version: format?.version ?? '',
      mime: format?.mime ?? '',
      basis: format ? basis : 'none',
      warnings,
    };
  }
}
