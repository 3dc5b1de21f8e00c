import type { Severity } from '@samarkiv/information-package';
import { DeliveryStage } from './delivery-stage';

/**
 * Something a producer can act on: a requirement id or our own code, where (file, path in the
 * package), and what to do. Never a stack trace or an internal error text.
 */
export interface DeliveryFinding {
  stage: DeliveryStage;
  code: string;
  severity: Severity;
  message: string;
  location: string;
  puid?: string | null;
}

export const hasErrors = (findings: readonly DeliveryFinding[]) => findings.some((f) => f.severity === 'error');

/** Our own finding codes (requirement ids come from the validator). */
export enum IngestFindingCode {
  UploadSize = 'INGEST-SIZE',
  UploadChecksum = 'INGEST-CHECKSUM',
  DuplicateObjid = 'INGEST-DUPLICATE',
  MissingObjid = 'INGEST-OBJID',
  FormatPolicy = 'FORMAT-POLICY',
  FormatUnidentified = 'FORMAT-UNIDENTIFIED',
  Records = 'RECORDS',
  Internal = 'INGEST-INTERNAL',
}
