import { createHash } from 'node:crypto';

export const HASHED_N_TUPLE_EXTENSION = '0004-hashed-n-tuple-storage-layout';

/** Parameters of OCFL community extension 0004, written to extensions/<name>/config.json. */
export interface HashedNTupleConfig {
  extensionName: typeof HASHED_N_TUPLE_EXTENSION;
  digestAlgorithm: 'sha256' | 'sha512' | 'md5' | 'sha1';
  tupleSize: number;
  numberOfTuples: number;
  shortObjectRoot: boolean;
}

/** The extension's defaults (same as Fedora 6 uses), so any OCFL tool resolves our paths. */
export const DEFAULT_LAYOUT_CONFIG: HashedNTupleConfig = {
  extensionName: HASHED_N_TUPLE_EXTENSION,
  digestAlgorithm: 'sha256',
  tupleSize: 3,
  numberOfTuples: 3,
  shortObjectRoot: false,
};

export const LAYOUT_DESCRIPTION =
  'OCFL object identifiers are hashed and encoded as lowercase hex strings. These digests are then divided into N n-tuple segments, which are used to create nested paths under the OCFL storage root.';

export class HashedNTupleLayout {
  constructor(readonly config: HashedNTupleConfig = DEFAULT_LAYOUT_CONFIG) {
    if (config.tupleSize * config.numberOfTuples > digestHexLength(config.digestAlgorithm)) {
      throw new Error('tupleSize × numberOfTuples exceeds the digest length');
    }
  }

  /** Object root relative to the storage root, e.g. `3c0/ff4/240/3c0ff4240c1e…`. */
  objectRoot(id: string): string {
    const digest = createHash(this.config.digestAlgorithm).update(id, 'utf8').digest('hex');
    const { tupleSize, numberOfTuples, shortObjectRoot } = this.config;
    const tuples: string[] = [];
    for (let i = 0; i < numberOfTuples; i++) tuples.push(digest.slice(i * tupleSize, (i + 1) * tupleSize));
    const last = shortObjectRoot ? digest.slice(tupleSize * numberOfTuples) : digest;
    return [...tuples, last].join('/');
  }

  /** Depth of object roots below the storage root (used to walk the hierarchy). */
  get depth(): number {
    return this.config.numberOfTuples + 1;
  }
}

function digestHexLength(algorithm: HashedNTupleConfig['digestAlgorithm']): number {
  return { md5: 32, sha1: 40, sha256: 64, sha512: 128 }[algorithm];
}
