import { Injectable } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { parseMets, validatePackage, warmSchemaValidator } from '@samarkiv/information-package';
import { formatSettings } from '../../platform/config/settings';
import { ArchiveFacade } from '../../archive/archive.facade';
import { IngestPolicyService } from '../application/ingest-policy.service';
import { IngestFindingCode } from '../domain/delivery-finding';
import { DeliveryStage } from '../domain/delivery-stage';
import { finding, PipelineStage, StageInput, StageOutcome } from './pipeline-stage';
import { readFileDigests, readUnpackState } from './stage-state';
import { packageFindings } from './unpack.stage';

const ROOT_METS = ['METS.xml', 'mets.xml', 'sip.xml'];

/**
 * The same validation as `samarkiv validate` (structure, METS/PREMIS schemas, E-ARK and FGS
 * requirements, checksums), then the SIP's OBJID: a new one, or one the tenant already archived,
 * which its policy refuses or takes as a new version.
 */
@Injectable()
export class ValidateStage implements PipelineStage {
  readonly stage = DeliveryStage.Validating;
  private readonly settings = formatSettings();

  constructor(
    private readonly archive: ArchiveFacade,
    private readonly policies: IngestPolicyService,
  ) {}

  /** A worker starts the first validation's schema child ahead too (Node and libxml2 take ≈0.5 s to load). */
  warmUp(): void {
    if (this.settings.schemaCatalog) warmSchemaValidator(this.settings.schemaCatalog);
  }

  async run({ ctx, delivery, ws }: StageInput): Promise<StageOutcome> {
    const root = join(ws.dir, (await readUnpackState(ws)).root);
    // Checksums in the METS are checked against the digests taken while unpacking: no second read.
    const result = await validatePackage(root, { catalog: this.settings.schemaCatalog, knownDigests: await readFileDigests(ws), keepSchemaValidatorWarm: true });
    const findings = packageFindings(this.stage, result.findings);
    const kind = `${result.kind}${result.version ? ` ${result.version}` : ''}`;
    if (!result.valid) return { findings, changes: { sipKind: kind }, summary: `Not a valid ${kind} package` };

    const objid = await readObjid(root);
    if (!objid) {
      findings.push(finding(this.stage, { code: IngestFindingCode.MissingObjid, severity: 'error', location: 'METS.xml', message: 'The root METS has no OBJID; give the package a persistent identifier.' }));
      return { findings, changes: { sipKind: kind }, summary: 'No OBJID' };
    }
    let version = 1;
    const previous = await this.archive.latestAipForSip(ctx, objid);
    if (previous) {
      if ((await this.policies.effective(delivery.tenantId)).duplicateObjid === 'reject') {
        findings.push(
          finding(this.stage, {
            code: IngestFindingCode.DuplicateObjid,
            severity: 'error',
            location: 'METS.xml',
            message: `A package with OBJID "${objid}" is already archived (AIP ${previous.id}, version ${previous.version}). Give a new package a new OBJID; the region's policy does not take new versions.`,
          }),
        );
        return { findings, changes: { sipKind: kind, sipObjid: objid }, summary: 'OBJID already archived' };
      }
      version = previous.version + 1;
    }
    return {
      findings,
      changes: { sipKind: kind, sipObjid: objid, aipVersion: version, aipId: delivery.aipId ?? randomUUID() },
      summary: `Valid ${kind} package${version > 1 ? `, version ${version} of ${objid}` : ''}`,
      details: { kind, warnings: findings.length, version },
    };
  }
}

async function readObjid(root: string): Promise<string | undefined> {
  const name = ROOT_METS.find((n) => existsSync(join(root, n)));
  if (!name) return undefined;
  const doc = await parseMets(join(root, name), name);
  const objid = doc.root?.attrs.OBJID?.trim();
  return objid ? objid : undefined;
}
