import { readFile, rename, writeFile } from 'node:fs/promises';
import type { DigestAlgorithm, FixityResult } from '@samarkiv/fixity';
import type { Identification } from '@samarkiv/pronom';
import { DeliveryWorkspace } from '../application/delivery-workspace';
import { FileFingerprint } from '../application/file-fingerprint';

/** What unpacking leaves for the later stages. */
export interface UnpackState {
  /** SIP root folder, relative to the workspace. */
  root: string;
  container: string;
  bytes: number;
  sha256: string;
}

/** One SIP file as identification saw it. */
export interface FileFact {
  path: string;
  size: number;
  digests: Partial<Record<DigestAlgorithm, string>>;
  puid: string | null;
  formatName: string;
  formatVersion: string;
  mime: string;
  basis: string;
}

/**
 * One SIP file as unpacking wrote it: its digests, taken from the bytes as they were written, and
 * its fingerprint once they were on disk, which tells the store stage it is still that file.
 */
export interface UnpackedFile extends FixityResult {
  fingerprint: FileFingerprint;
}

/** Unpacking's facts of each SIP file, by path relative to the SIP root. */
export type FileDigests = Record<string, UnpackedFile>;

export const readFileDigests = async (ws: DeliveryWorkspace): Promise<Map<string, UnpackedFile>> =>
  new Map(Object.entries(await readState<FileDigests>(ws.fileDigests).catch(() => ({}) as FileDigests)));

/** Identifications made while unpacking, by path relative to the SIP root, with the signature file version used. */
export interface IdentifiedState {
  signatures: string;
  files: Record<string, Identification>;
}

export interface ExtractState {
  records: number;
}

/** Written to a temporary name and renamed: a crash never leaves a half-written state file. */
export async function writeState(file: string, value: unknown): Promise<void> {
  await writeFile(`${file}.tmp`, JSON.stringify(value));
  await rename(`${file}.tmp`, file);
}

export async function readState<T>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

export const readUnpackState = (ws: DeliveryWorkspace) => readState<UnpackState>(ws.unpackState);
