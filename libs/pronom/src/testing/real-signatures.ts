import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SHARED_DIR } from '../../../../test/support/shared-dir';
import { FormatIdentifier, IdentifierOptions } from '../identify/format-identifier';

/** The PRONOM files tests run against; read from the shared folder, never copied into the repo. */
export const REAL_SIGNATURES: IdentifierOptions = {
  signatureFile: join(SHARED_DIR, 'pronom', 'DROID_SignatureFile_V122.xml'),
  containerSignatureFile: join(SHARED_DIR, 'pronom', 'container-signature-20260119.xml'),
  cacheDir: join(tmpdir(), 'samarkiv-pronom-test-cache'),
};

export function realIdentifier(): Promise<FormatIdentifier> {
  return FormatIdentifier.create(REAL_SIGNATURES);
}
