/** Limits that keep a hostile container from exhausting disk, memory or inodes. */
export interface ReadLimits {
  /** Sum of all uncompressed entry sizes. */
  maxTotalBytes: number;
  maxEntries: number;
  /** Largest uncompressed/compressed ratio accepted for a single ZIP entry (zip bombs). */
  maxCompressionRatio: number;
  /** Entries smaller than this are never judged by ratio: tiny files compress absurdly well. */
  ratioThresholdBytes: number;
  maxPathLength: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxTotalBytes: 1024 ** 4,
  maxEntries: 1_000_000,
  maxCompressionRatio: 200,
  ratioThresholdBytes: 1024 * 1024,
  maxPathLength: 4096,
};
