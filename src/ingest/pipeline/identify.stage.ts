import { Injectable } from '@nestjs/common';
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DigestAlgorithm, hashFile, hashFileSync } from '@samarkiv/fixity';
import { evaluatePolicy, FormatIdentifier, Identification, IdentifierOptions } from '@samarkiv/pronom';
import { formatSettings } from '../../platform/config/settings';
import { FormatPolicyService } from '../format-policy/format-policy.service';
import { DeliveryFinding, IngestFindingCode } from '../domain/delivery-finding';
import { DeliveryStage } from '../domain/delivery-stage';
import { finding, PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { FileFact, IdentifiedState, readFileDigests, readState, readUnpackState, writeState } from './stage-state';

/** SHA-256 for the AIP's METS and PREMIS, SHA-512 for the OCFL inventory: one read gives both. */
export const AIP_DIGESTS: DigestAlgorithm[] = ['SHA-256', 'SHA-512'];
const SMALL_FILE = 1024 * 1024;

/** Content files are what the format policy judges; METS, schemas and metadata are the package's own. */
export const isContent = (path: string) => /^representations\/[^/]+\/data\//.test(path) || path.startsWith('content/');

/** The PRONOM signature files of this installation. */
export function identifierOptions(): IdentifierOptions {
  const s = formatSettings();
  return { signatureFile: s.signatureFile, containerSignatureFile: s.containerSignatureFile, cacheDir: s.cacheDir };
}

/**
 * Hashes and identifies every file of the SIP (PRONOM, as DROID does) and applies the tenant's
 * accepted-format policy for the information type to the content files. A rejected format is an
 * error that names the file and its PUID.
 */
@Injectable()
export class IdentifyStage implements PipelineStage {
  readonly stage = DeliveryStage.Identifying;
  private identifier?: Promise<FormatIdentifier>;

  constructor(private readonly formatPolicies: FormatPolicyService) {}

  async run({ ctx, delivery, ws }: StageInput): Promise<StageOutcome> {
    const root = join(ws.dir, (await readUnpackState(ws)).root);
    const identifier = await this.formatIdentifier();
    const policy = await this.formatPolicies.policyFor(ctx, delivery.informationTypeId);
    const findings: DeliveryFinding[] = [];
    const facts: FileFact[] = [];
    const buffer = Buffer.allocUnsafe(SMALL_FILE);
    const known = await readFileDigests(ws);
    const ahead = await identifiedAhead(ws, identifier.versions.signatures);
    for (const path of listFiles(root)) {
      const abs = join(root, path);
      const size = statSync(abs).size;
      // Unpacking hashed each file as it wrote it; only a file it did not (none, normally) is read for it here.
      const given = known.get(path);
      const unpacked = given && given.size === size && AIP_DIGESTS.every((a) => given.digests[a]);
      const { digests } = unpacked ? given : size <= SMALL_FILE ? hashFileSync(abs, AIP_DIGESTS, buffer) : await hashFile(abs, AIP_DIGESTS);
      // Small files were mostly identified while unpacking held their bytes; the others are read
      // whole, once, into the buffer, or (large ones) only where their signatures are.
      const early = unpacked ? ahead.get(path) : undefined;
      const id = { ...(early ?? (size <= SMALL_FILE ? await identifier.identifyBuffer(...whole(readInto(abs, buffer, size)), size, abs) : await identifier.identifyFile(abs))), path };
      facts.push({ path, size, digests, puid: id.puid, formatName: id.name, formatVersion: id.version, mime: id.mime, basis: id.basis });
      if (!isContent(path)) continue;
      const { decision, reason } = evaluatePolicy(policy, id);
      if (decision === 'accept') continue;
      const code = id.puid === null ? IngestFindingCode.FormatUnidentified : IngestFindingCode.FormatPolicy;
      const advice = decision === 'reject' ? ' Convert the file to an accepted format (e.g. PDF/A, TIFF, XML) and deliver again.' : '';
      findings.push(finding(this.stage, { code, severity: decision === 'reject' ? 'error' : 'warning', location: path, puid: id.puid, message: `${reason}.${advice}` }));
    }
    await writeState(ws.facts, facts);
    const rejected = findings.filter((f) => f.severity === 'error').length;
    return {
      findings,
      summary: `Identified ${facts.length} files${rejected ? `; ${rejected} in formats the policy rejects` : ''}`,
      details: { files: facts.length, policy: policy.name, signatures: identifier.versions.signatures },
    };
  }

  private formatIdentifier(): Promise<FormatIdentifier> {
    this.identifier ??= FormatIdentifier.create(identifierOptions());
    return this.identifier;
  }
}

/** Identifications made while unpacking, if made with the signature file this stage uses. */
async function identifiedAhead(ws: StageInput['ws'], signatures: string): Promise<Map<string, Identification>> {
  const state = await readState<IdentifiedState>(ws.identified).catch(() => undefined);
  return new Map(state?.signatures === signatures ? Object.entries(state.files) : []);
}

const whole = (data: Buffer): [Buffer, Buffer] => [data, data];

function readInto(path: string, buffer: Buffer, size: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    let n = 0;
    while (n < size) {
      const got = readSync(fd, buffer, n, size - n, n);
      if (got === 0) break;
      n += got;
    }
    return buffer.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Every regular file under the SIP root, '/'-separated and sorted (the reader already refused links). */
function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(rel ? join(root, rel) : root, { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}
