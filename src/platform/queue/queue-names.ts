/** Every queue and every job of the system, in one place. */
export enum QueueName {
  Tenancy = 'tenancy',
}

export enum JobName {
  TenantProvision = 'tenant.provision',
}

/** Which queue carries which job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.TenantProvision]: QueueName.Tenancy,
};

/** Every payload carries the tenant it acts for: jobs never run outside a tenant. */
export interface TenantJobPayload {
  tenantId: string;
}

export interface JobPayloads {
  [JobName.TenantProvision]: TenantJobPayload;
}
