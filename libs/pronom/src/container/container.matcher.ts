import { RandomAccessSource } from '../identify/random-access-source';
import { matchSignature } from '../signature/byte-sequence.matcher';
import { CompiledContainerSignatureFile, ContainerType } from '../signature/compiled-signature';
import { ContainerEntries } from './container-entries';
import { Ole2ContainerReader } from './ole2-container.reader';
import { ZipContainerReader } from './zip-container.reader';

export interface ContainerMatch {
  puids: string[];
  /** Why the container could not be inspected, if it could not. */
  problem?: string;
}

/** Runs container signatures (entries present, optional binary signatures on their contents). */
export class ContainerMatcher {
  constructor(
    readonly source: CompiledContainerSignatureFile,
    private readonly maxEntryBytes: number,
  ) {}

  get version(): string {
    return this.source.sourceVersion;
  }

  triggerFor(puid: string): ContainerType | undefined {
    return this.source.triggers[puid];
  }

  async match(type: ContainerType, file: RandomAccessSource): Promise<ContainerMatch> {
    let entries: ContainerEntries;
    try {
      entries = type === 'ZIP' ? await ZipContainerReader.open(file, this.maxEntryBytes * 4) : await Ole2ContainerReader.open(file, this.maxEntryBytes);
    } catch (e) {
      return { puids: [], problem: `${type} container not readable: ${(e as Error).message}` };
    }
    const contents = new Map<string, Promise<Buffer | null>>();
    const contentOf = (path: string) => {
      let p = contents.get(path);
      if (!p) {
        p = entries.read(path, this.maxEntryBytes).catch(() => null);
        contents.set(path, p);
      }
      return p;
    };
    const puids: string[] = [];
    for (const sig of this.source.signatures) {
      if (sig.type !== type || sig.puids.length === 0) continue;
      let all = true;
      for (const f of sig.files) {
        if (!entries.has(f.path)) {
          all = false;
          break;
        }
        if (f.signatures.length === 0) continue;
        const bytes = await contentOf(f.path);
        if (!bytes || !f.signatures.some((s) => matchSignature(s, { bof: bytes, eof: bytes }))) {
          all = false;
          break;
        }
      }
      if (all) for (const p of sig.puids) if (!puids.includes(p)) puids.push(p);
    }
    return { puids };
  }
}
