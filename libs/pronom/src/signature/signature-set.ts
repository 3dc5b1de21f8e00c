import { ReadLimits } from '../identify/identification';
import { matchSignature, ScanWindow } from './byte-sequence.matcher';
import { CompiledSignature, CompiledSignatureFile, FormatInfo } from './compiled-signature';
import { sequenceReach } from './subsequence.builder';

/** Bytes to read at each end of a file so every signature can be decided. */
export interface WindowSizes {
  bof: number;
  eof: number;
}

/** A loaded signature file ready to match: formats indexed, signatures ordered cheap-first. */
export class SignatureSet {
  readonly windows: WindowSizes;
  private readonly formatsById = new Map<number, FormatInfo>();
  private readonly formatsByPuid = new Map<string, FormatInfo>();
  private readonly formatsByExtension = new Map<string, FormatInfo[]>();
  private readonly formatsBySignature = new Map<number, FormatInfo[]>();
  private readonly signatures: CompiledSignature[];

  constructor(
    readonly source: CompiledSignatureFile,
    limits: ReadLimits,
  ) {
    for (const f of source.formats) {
      this.formatsById.set(f.id, f);
      if (!this.formatsByPuid.has(f.puid)) this.formatsByPuid.set(f.puid, f);
      for (const ext of f.extensions) this.formatsByExtension.set(ext, [...(this.formatsByExtension.get(ext) ?? []), f]);
      for (const id of f.signatureIds) this.formatsBySignature.set(id, [...(this.formatsBySignature.get(id) ?? []), f]);
    }
    // Signatures no format refers to can never contribute a result.
    this.signatures = source.signatures.filter((s) => this.formatsBySignature.has(s.id)).sort((a, b) => cost(a) - cost(b));
    this.windows = windowSizes(this.signatures, limits);
  }

  get version(): string {
    return this.source.sourceVersion;
  }

  byPuid(puid: string): FormatInfo | undefined {
    return this.formatsByPuid.get(puid);
  }

  byExtension(ext: string): FormatInfo[] {
    return this.formatsByExtension.get(ext.toLowerCase()) ?? [];
  }

  /** Every format with a matching internal signature, before priorities are applied. */
  matchAll(win: ScanWindow): FormatInfo[] {
    const found = new Map<number, FormatInfo>();
    for (const sig of this.signatures) {
      const formats = this.formatsBySignature.get(sig.id) as FormatInfo[];
      if (formats.every((f) => found.has(f.id))) continue;
      if (matchSignature(sig, win)) for (const f of formats) found.set(f.id, f);
    }
    return [...found.values()];
  }

  /** DROID's rule: a match is dropped when another match declares priority over it. */
  resolvePriority(formats: FormatInfo[]): FormatInfo[] {
    const ids = new Set(formats.map((f) => f.id));
    const beaten = new Set<number>();
    for (const f of formats) for (const lower of f.priorityOver) if (ids.has(lower) && lower !== f.id) beaten.add(lower);
    return formats.filter((f) => !beaten.has(f.id));
  }
}

/** Fixed-offset BOF signatures are cheapest; unbounded searches go last. */
function cost(sig: CompiledSignature): number {
  let c = 0;
  for (const seq of sig.sequences) {
    const reach = sequenceReach(seq.subs);
    c += reach < 0 ? 1_000_000 : reach + (seq.ref === 'eof' ? 10 : 0);
  }
  return c;
}

function windowSizes(signatures: CompiledSignature[], limits: ReadLimits): WindowSizes {
  let bof = 0;
  let eof = 0;
  for (const sig of signatures) {
    for (const seq of sig.sequences) {
      const reach = sequenceReach(seq.subs);
      const need = reach < 0 ? limits.maxScanBytes : Math.min(reach, limits.maxWindowBytes);
      if (seq.ref === 'eof') eof = Math.max(eof, need);
      else bof = Math.max(bof, need);
      if (seq.ref === 'var') eof = Math.max(eof, need);
    }
  }
  return { bof, eof };
}
