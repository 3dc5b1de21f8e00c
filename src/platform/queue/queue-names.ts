/** Every queue and every job of the system, in one place. */
export enum QueueName {
  Tenancy = 'tenancy',
  Audit = 'audit',
  Preservation = 'preservation',
}

export enum JobName {
  TenantProvision = 'tenant.provision',
  AuditPartitions = 'audit.partitions',
  AuditAnchor = 'audit.anchor',
  AuditRetention = 'audit.retention',
  PreservationAudit = 'preservation.audit',
}

/** Which queue carries which job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TenantProvision]: QueueName.Tenancy,
  [JobName.AuditPartitions]: QueueName.Audit,
  [JobName.AuditAnchor]: QueueName.Audit,
  [JobName.AuditRetention]: QueueName.Audit,
  [JobName.PreservationAudit]: QueueName.Preservation,
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
  /** A fixity-audit slice of one storage location (locations hold every tenant's objects). */
  [JobName.PreservationAudit]: CentralJobPayload & { location: string };
}
