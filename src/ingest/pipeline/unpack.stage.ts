import { Injectable } from '@nestjs/common';
import { rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { DigestAlgorithm, hashFile } from '@samarkiv/fixity';
import { Finding, FindingSink, OpenedPackage, openPackage } from '@samarkiv/information-package';
import { ThreadedIdentifier } from '@samarkiv/pronom';
import { syncBatch } from '@samarkiv/storage';
import { DeliveryWorkspace } from '../application/delivery-workspace';
import { fingerprintOf } from '../application/file-fingerprint';
import { uploadSha256 } from '../application/upload-digest';
import { DeliveryFinding, IngestFindingCode } from '../domain/delivery-finding';
import { DeliveryStage } from '../domain/delivery-stage';
import { finding, PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { FileDigests, IdentifiedState, writeState } from './stage-state';
import { AIP_DIGESTS, identifierOptions } from './identify.stage';

const ALGORITHMS: Record<string, DigestAlgorithm> = { sha256: 'SHA-256', sha512: 'SHA-512', md5: 'MD5' };

/** Producer-facing findings from the reader and validator (info lines are not repeated). */
export const packageFindings = (stage: DeliveryStage, findings: Finding[]): DeliveryFinding[] =>
  findings.filter((f) => f.severity !== 'info').map((f) => finding(stage, { code: f.id, severity: f.severity, message: f.message, location: f.location }));

/**
 * Checks the upload against what the producer announced (size, checksum) and extracts it inside
 * the delivery's workspace. The reader refuses path traversal, links, zip bombs and oversized
 * entries before anything is written, so nothing lands outside staging.
 *
 * The extracted files are what the archive will keep: the store stage takes them over by hard
 * link. So they are made durable here, before their digests are recorded, and each file's
 * fingerprint is recorded with them, so the store stage can tell it is still the file hashed.
 */
@Injectable()
export class UnpackStage implements PipelineStage {
  readonly stage = DeliveryStage.Unpacking;

  async run({ delivery, ws }: StageInput): Promise<StageOutcome> {
    const findings: DeliveryFinding[] = [];
    const size = (await stat(ws.upload)).size;
    if (delivery.uploadLength !== null && size !== delivery.uploadLength) {
      findings.push(finding(this.stage, { code: IngestFindingCode.UploadSize, severity: 'error', location: '', message: `Received ${size} bytes, but the upload announced ${delivery.uploadLength}; send the package again.` }));
    }
    const [algorithmName, expected] = delivery.expectedChecksum?.split(':') ?? [];
    const algorithm = algorithmName ? ALGORITHMS[algorithmName] : undefined;
    if (findings.length > 0) return { findings, summary: 'Upload differs from the announcement' };

    // The SHA-256 taken while the upload arrived, if this file is still the one it describes;
    // whatever the package's digests still lack is taken in the read that unpacks it (TAR).
    const uploaded = await uploadSha256(ws);
    const containerDigests = [...new Set<DigestAlgorithm>(['SHA-256', ...(algorithm ? [algorithm] : [])])].filter((a) => !(a === 'SHA-256' && uploaded));
    // One read of the package: each file is hashed as it is written, and small files are
    // identified on another thread while their bytes are at hand.
    await rm(ws.unpacked, { recursive: true, force: true });
    await rm(ws.identified, { force: true });
    const sink = new FindingSink();
    const identifying = ThreadedIdentifier.start(identifierOptions());
    try {
      const opened = await openPackage(ws.upload, sink, {
        stagingDir: ws.unpacked,
        digests: [...new Set([...AIP_DIGESTS, ...(algorithm ? [algorithm] : [])])],
        containerDigests,
        flushLargeFiles: true,
        onSmallFile: identifying && ((path, data) => identifying.add(path, data)),
      });
      const container = opened.containerDigests ?? (containerDigests.length ? await hashFile(ws.upload, containerDigests) : undefined);
      const digests = { ...container?.digests, ...(uploaded ? { 'SHA-256': uploaded } : {}) };
      if (algorithm && digests[algorithm] !== expected) {
        await rm(ws.unpacked, { recursive: true, force: true });
        findings.push(
          finding(this.stage, {
            code: IngestFindingCode.UploadChecksum,
            severity: 'error',
            location: '',
            message: `The package's ${algorithmName} is ${digests[algorithm]}, not the expected ${expected}: it changed in transit or the announced checksum is wrong. Send it again.`,
          }),
        );
        return { findings, summary: 'Upload differs from the announcement' };
      }
      findings.push(...packageFindings(this.stage, sink.findings));
      if (!opened.root) return { findings, summary: 'Package refused by the reader' };
      await recordUnpacked(ws, opened, opened.root, identifying);
      await writeState(ws.unpackState, { root: relative(ws.dir, opened.root), container: opened.container, bytes: size, sha256: digests['SHA-256'] });
      const files = opened.listing.files.size;
      return { findings, summary: `Unpacked ${files} files from a ${opened.container} package`, details: { container: opened.container, files, bytes: size } };
    } finally {
      await identifying?.close();
    }
  }
}

/**
 * Makes the extracted files durable, then records what the later stages take from unpacking:
 * each file's digests and fingerprint, and the identifications made on the way.
 */
async function recordUnpacked(ws: DeliveryWorkspace, opened: OpenedPackage, root: string, identifying: ThreadedIdentifier | undefined): Promise<void> {
  await syncBatch(
    [...opened.listing.files.keys()].map((p) => join(root, p)),
    [...opened.listing.dirs].map((d) => join(root, d)).concat(root, dirname(root), ws.unpacked),
  );
  const unpacked: FileDigests = {};
  for (const [path, result] of opened.fileDigests ?? []) {
    const fingerprint = fingerprintOf(join(root, path));
    if (fingerprint) unpacked[path] = { ...result, fingerprint };
  }
  await writeState(ws.fileDigests, unpacked);
  if (!identifying) return;
  const { signatures, byName } = await identifying.finish();
  const prefix = `${opened.rootName}/`;
  const files = Object.fromEntries([...byName].filter(([p]) => p.startsWith(prefix)).map(([p, id]) => [p.slice(prefix.length), id]));
  await writeState(ws.identified, { signatures, files } satisfies IdentifiedState);
}
