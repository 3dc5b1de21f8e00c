/** Digest algorithms as METS CHECKSUMTYPE names them, mapped to Node's OpenSSL names. */
export type DigestAlgorithm = 'MD5' | 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

const NODE_NAMES: Record<DigestAlgorithm, string> = {
  MD5: 'md5',
  'SHA-1': 'sha1',
  'SHA-256': 'sha256',
  'SHA-384': 'sha384',
  'SHA-512': 'sha512',
};

export const DIGEST_ALGORITHMS = Object.keys(NODE_NAMES) as DigestAlgorithm[];

export function nodeHashName(algorithm: DigestAlgorithm): string {
  return NODE_NAMES[algorithm];
}

/** Accepts the spellings seen in METS, PREMIS, OCFL and BagIt (e.g. "sha256", "SHA256", "SHA-256"). */
export function parseDigestAlgorithm(name: string): DigestAlgorithm | undefined {
  const normalised = name.trim().toUpperCase().replace(/[^A-Z0-9]/g, '');
  switch (normalised) {
    case 'MD5':
      return 'MD5';
    case 'SHA1':
      return 'SHA-1';
    case 'SHA256':
      return 'SHA-256';
    case 'SHA384':
      return 'SHA-384';
    case 'SHA512':
      return 'SHA-512';
    default:
      return undefined;
  }
}
