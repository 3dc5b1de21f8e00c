/** How an identification was reached, strongest first. */
export type IdentificationBasis = 'signature' | 'container' | 'extension' | 'builtin' | 'none';

export interface Identification {
  path: string;
  puid: string | null;
  name: string;
  version: string;
  mime: string;
  basis: IdentificationBasis;
  warnings: string[];
}

/** Limits on how much of a file identification may read. */
export interface ReadLimits {
  /**
   * Bytes searched for signatures without an upper offset (Variable, or a BOF subsequence with
   * no max offset), at each end of the file. DROID calls this "max bytes to scan".
   */
  maxScanBytes: number;
  /** Upper bound for a bounded signature's BOF/EOF window, so a bad signature can't force huge reads. */
  maxWindowBytes: number;
  /** Upper bound on a container entry's bytes read and inflated for its binary signatures. */
  maxContainerEntryBytes: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxScanBytes: 256 * 1024,
  maxWindowBytes: 384 * 1024,
  maxContainerEntryBytes: 1024 * 1024,
};
