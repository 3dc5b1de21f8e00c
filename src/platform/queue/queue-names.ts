/** Every queue and every job of the system, in one place. */
export enum QueueName {
  Tenancy = 'tenancy',
  Audit = 'audit',
  Ingest = 'ingest',
  Preservation = 'preservation',
  FinalArchive = 'final-archive',
}

export enum JobName {
  TenantProvision = 'tenant.provision',
  AuditPartitions = 'audit.partitions',
  AuditAnchor = 'audit.anchor',
  AuditRetention = 'audit.retention',
  IngestUnpack = 'ingest.unpack',
  IngestValidate = 'ingest.validate',
  IngestIdentify = 'ingest.identify',
  IngestExtract = 'ingest.extract',
  IngestBuild = 'ingest.build',
  IngestStore = 'ingest.store',
  IngestCatalogue = 'ingest.catalogue',
  IngestClean = 'ingest.clean',
  IngestQuarantinePurge = 'ingest.quarantine-purge',
  IngestResume = 'ingest.resume',
  IngestWebhook = 'ingest.webhook',
  PreservationAudit = 'preservation.audit',
  RetentionScan = 'final-archive.retention-scan',
  DisposalExecute = 'final-archive.disposal-execute',
  TransferAccept = 'final-archive.transfer-accept',
  TransferExport = 'final-archive.transfer-export',
  TransferExportPurge = 'final-archive.transfer-export-purge',
}

/** Which queue carries which job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TenantProvision]: QueueName.Tenancy,
  [JobName.AuditPartitions]: QueueName.Audit,
  [JobName.AuditAnchor]: QueueName.Audit,
  [JobName.AuditRetention]: QueueName.Audit,
  [JobName.IngestUnpack]: QueueName.Ingest,
  [JobName.IngestValidate]: QueueName.Ingest,
  [JobName.IngestIdentify]: QueueName.Ingest,
  [JobName.IngestExtract]: QueueName.Ingest,
  [JobName.IngestBuild]: QueueName.Ingest,
  [JobName.IngestStore]: QueueName.Ingest,
  [JobName.IngestCatalogue]: QueueName.Ingest,
  [JobName.IngestClean]: QueueName.Ingest,
  [JobName.IngestQuarantinePurge]: QueueName.Ingest,
  [JobName.IngestResume]: QueueName.Ingest,
  [JobName.IngestWebhook]: QueueName.Ingest,
  [JobName.PreservationAudit]: QueueName.Preservation,
  [JobName.RetentionScan]: QueueName.FinalArchive,
  [JobName.DisposalExecute]: QueueName.FinalArchive,
  [JobName.TransferAccept]: QueueName.FinalArchive,
  [JobName.TransferExport]: QueueName.FinalArchive,
  [JobName.TransferExportPurge]: QueueName.FinalArchive,
};

/** Every payload carries the tenant it acts for: jobs never run outside a tenant. */
export interface TenantJobPayload {
  tenantId: string;
}

/**
 * Installation-wide maintenance (the audit log's partitions, anchors and retention) acts for no
 * single tenant; its payload says so with this marker, which no tenant id can equal.
 */
export const CENTRAL_SCOPE = '_central';

export interface CentralJobPayload {
  tenantId: typeof CENTRAL_SCOPE;
}

export interface JobPayloads {
  [JobName.TenantProvision]: TenantJobPayload;
  [JobName.AuditPartitions]: CentralJobPayload;
  [JobName.AuditAnchor]: CentralJobPayload;
  [JobName.AuditRetention]: CentralJobPayload;
  [JobName.IngestUnpack]: DeliveryJobPayload;
  [JobName.IngestValidate]: DeliveryJobPayload;
  [JobName.IngestIdentify]: DeliveryJobPayload;
  [JobName.IngestExtract]: DeliveryJobPayload;
  [JobName.IngestBuild]: DeliveryJobPayload;
  [JobName.IngestStore]: DeliveryJobPayload;
  [JobName.IngestCatalogue]: DeliveryJobPayload;
  [JobName.IngestClean]: DeliveryJobPayload;
  [JobName.IngestQuarantinePurge]: CentralJobPayload;
  [JobName.IngestResume]: CentralJobPayload;
  [JobName.IngestWebhook]: DeliveryJobPayload;
  /** A fixity-audit slice of one storage location (locations hold every tenant's objects). */
  [JobName.PreservationAudit]: CentralJobPayload & { location: string };
  /** Lists disposal candidates of every tenant that has retention rules. */
  [JobName.RetentionScan]: CentralJobPayload;
  /** Destroys an approved disposal AIP by AIP, resuming where an earlier run stopped. */
  [JobName.DisposalExecute]: TenantJobPayload & { disposalId: string; actor: JobActor };
  /** Completes an accepted transfer of custody (tier move, PREMIS events, receipt) AIP by AIP. */
  [JobName.TransferAccept]: TenantJobPayload & { transferId: string; actor: JobActor };
  /** Writes an accepted transfer as E-ARK SIPs, one per AIP. */
  [JobName.TransferExport]: TenantJobPayload & { transferId: string; exportId: string; actor: JobActor };
  /** Removes transfer exports older than their retention, for every tenant. */
  [JobName.TransferExportPurge]: CentralJobPayload;
}

/**
 * The person a job acts for (the one who asked for it): audit entries and PREMIS agents name them.
 * No grants travel: the request checked them before enqueueing.
 */
export interface JobActor {
  kind: 'user' | 'api-client' | 'system';
  id: string;
  name: string | null;
  correlationId: string;
}

/** One pipeline stage of one delivery. */
export interface DeliveryJobPayload extends TenantJobPayload {
  deliveryId: string;
}
