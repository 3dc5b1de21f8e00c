import { join } from 'node:path';

/**
 * Where one delivery's files live in its tenant's staging area while it is processed. Every stage
 * writes its output here, so a stage can run again in another worker process after a crash.
 */
export class DeliveryWorkspace {
  constructor(
    readonly stagingDir: string,
    readonly deliveryId: string,
  ) {}

  get dir(): string {
    return join(this.stagingDir, this.deliveryId);
  }

  /** The package as uploaded (the tus store keeps its bookkeeping beside it as `sip.upload.json`). */
  get upload(): string {
    return join(this.dir, 'sip.upload');
  }

  get uploadInfo(): string {
    return `${this.upload}.json`;
  }

  /** The upload's SHA-256 as taken while it arrived (see UploadFileStore), with the file's fingerprint. */
  get uploadDigest(): string {
    return `${this.upload}.sha256.json`;
  }

  get unpacked(): string {
    return join(this.dir, 'unpacked');
  }

  /** What unpacking found: the SIP root folder and the package's own digest. */
  get unpackState(): string {
    return join(this.dir, 'unpack.json');
  }

  /** Per file of the SIP: size and digests computed while unpacking (the one read of its bytes). */
  get fileDigests(): string {
    return join(this.dir, 'digests.json');
  }

  /** Per small file of the SIP: the format identification made while unpacking held its bytes. */
  get identified(): string {
    return join(this.dir, 'identified.json');
  }

  /** Per file of the SIP: size, digests and format identification. */
  get facts(): string {
    return join(this.dir, 'facts.json');
  }

  get records(): string {
    return join(this.dir, 'records.jsonl');
  }

  get extractState(): string {
    return join(this.dir, 'extract.json');
  }

  get aipParent(): string {
    return join(this.dir, 'aip');
  }

  get builtAip(): string {
    return join(this.dir, 'aip.json');
  }

  get stored(): string {
    return join(this.dir, 'stored.json');
  }
}
