import { readFile, rename, writeFile } from 'node:fs/promises';
import { DeliveryWorkspace } from './delivery-workspace';
import { FileFingerprint, fingerprintOf, sameFingerprint } from './file-fingerprint';

/** The upload's SHA-256 taken while its bytes arrived, and the file version it describes. */
interface UploadDigest {
  sha256: string;
  fingerprint: FileFingerprint;
}

/** Records the digest of the finished upload next to it (renamed into place: never half-written). */
export async function recordUploadDigest(ws: DeliveryWorkspace, sha256: string): Promise<void> {
  const fingerprint = fingerprintOf(ws.upload);
  if (!fingerprint) return;
  await writeFile(`${ws.uploadDigest}.tmp`, JSON.stringify({ sha256, fingerprint } satisfies UploadDigest));
  await rename(`${ws.uploadDigest}.tmp`, ws.uploadDigest);
}

/**
 * The SHA-256 recorded while the upload arrived, if the file is still the one it describes;
 * otherwise (none recorded, or the file changed since) undefined, and the caller hashes the file.
 */
export async function uploadSha256(ws: DeliveryWorkspace): Promise<string | undefined> {
  const recorded = await readFile(ws.uploadDigest, 'utf8').then(
    (text) => JSON.parse(text) as UploadDigest,
    () => undefined,
  );
  return recorded && sameFingerprint(recorded.fingerprint, fingerprintOf(ws.upload)) ? recorded.sha256 : undefined;
}
