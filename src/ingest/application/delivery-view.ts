import { DeliveryEntity } from '../domain/delivery.entity';
import { DeliveryFinding } from '../domain/delivery-finding';
import { DeliveryStage, PIPELINE } from '../domain/delivery-stage';

export interface DeliveryView {
  id: string;
  stage: DeliveryStage;
  outcome: 'accepted' | 'rejected' | 'failed' | null;
  informationTypeId: string;
  sourceSystem: string;
  submissionAgreement: string | null;
  expectedSize: number | null;
  expectedChecksum: string | null;
  upload: { url: string; length: number | null; receivedBytes: number };
  /** Pipeline stages done out of all, and the upload's share when still uploading. */
  progress: { stagesDone: number; stagesTotal: number; uploadPercent: number | null };
  sipObjid: string | null;
  aipId: string | null;
  aipVersion: number | null;
  findings: Array<Omit<DeliveryFinding, 'puid'> & { puid: string | null }>;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  links: { self: string; upload: string; events: string; receipt: string };
}

export const deliveryPath = (id: string) => `/api/v1/deliveries/${id}`;

export function deliveryView(d: DeliveryEntity, receivedBytes: number, findings: DeliveryFinding[]): DeliveryView {
  const base = deliveryPath(d.id);
  const index = PIPELINE.indexOf(d.stage);
  const stagesDone = d.stage === DeliveryStage.Accepted ? PIPELINE.length : index >= 0 ? index : 0;
  const uploading = d.stage === DeliveryStage.AwaitingUpload && d.uploadLength !== null && d.uploadLength > 0;
  return {
    id: d.id,
    stage: d.stage,
    outcome: d.outcome,
    informationTypeId: d.informationTypeId,
    sourceSystem: d.sourceSystem,
    submissionAgreement: d.submissionAgreement,
    expectedSize: d.expectedSize,
    expectedChecksum: d.expectedChecksum,
    upload: { url: `${base}/upload`, length: d.uploadLength, receivedBytes },
    progress: {
      stagesDone,
      stagesTotal: PIPELINE.length,
      uploadPercent: uploading ? Math.floor((receivedBytes * 100) / (d.uploadLength as number)) : null,
    },
    sipObjid: d.sipObjid,
    aipId: d.aipId,
    aipVersion: d.aipVersion,
    findings: findings.map((f) => ({ ...f, puid: f.puid ?? null })),
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
    completedAt: d.completedAt?.toISOString() ?? null,
    links: { self: base, upload: `${base}/upload`, events: `${base}/events`, receipt: `${base}/receipt` },
  };
}
