export type ExportStatus = 'running' | 'completed' | 'failed' | 'purged';

export interface ExportFinding {
  id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location: string;
}

/** One E-ARK SIP of an export: one AIP of the transfer, validated with our own validator. */
export interface ExportPackage {
  aipId: string;
  name: string;
  size: number;
  sha256: string;
  valid: boolean;
  findings: ExportFinding[];
  writtenAt: string;
  /** Deleted because its AIP was destroyed (disposal) or the export was purged. */
  deleted: boolean;
}

/** An export of an accepted transfer for a final archive kept elsewhere. */
export interface TransferExport {
  id: string;
  transferId: string;
  status: ExportStatus;
  requestedBy: { id: string; name: string | null };
  requestedAt: string;
  finishedAt: string | null;
  error: string | null;
  purgedAt: string | null;
  /** When the packages will be purged (a configured number of days after the export). */
  expiresAt: string;
  progress: { aips: number; written: number };
  packages: ExportPackage[];
}
