import { statSync } from 'node:fs';

/**
 * What tells one file version from another without reading it: the inode, the size and the
 * modification time (nanoseconds). A write changes the time, a replacement the inode, so a file
 * whose fingerprint is unchanged still holds the bytes it held when the fingerprint was taken.
 */
export interface FileFingerprint {
  ino: string;
  size: number;
  mtimeNs: string;
}

/** The file's fingerprint, or undefined when it is gone. */
export function fingerprintOf(path: string): FileFingerprint | undefined {
  const s = statSync(path, { bigint: true, throwIfNoEntry: false });
  return s ? { ino: String(s.ino), size: Number(s.size), mtimeNs: String(s.mtimeNs) } : undefined;
}

export const sameFingerprint = (a: FileFingerprint | undefined, b: FileFingerprint | undefined): boolean =>
  a !== undefined && b !== undefined && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs;
