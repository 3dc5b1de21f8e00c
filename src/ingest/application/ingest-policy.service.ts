import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ingestConfig } from '../../platform/config/settings';
import { Action, RequestContext } from '../../platform/context';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { DuplicateObjidPolicy } from '../domain/tenant-ingest-policy.entity';
import { IngestPolicyRepository } from '../infrastructure/ingest-policy.repository';
import { NotFoundError } from '../../platform/errors/domain.error';

export interface EffectiveIngestPolicy {
  duplicateObjid: DuplicateObjidPolicy;
  maxPackageBytes: number;
  stagingQuotaBytes: number;
  quarantineDays: number;
  maxConcurrentDeliveries: number;
}

export type IngestPolicyInput = Partial<{
  duplicateObjid: DuplicateObjidPolicy;
  maxPackageBytes: number | null;
  stagingQuotaBytes: number | null;
  quarantineDays: number | null;
  maxConcurrentDeliveries: number | null;
}>;

/** A tenant's ingest rules: its own row where set, the installation's configuration otherwise. */
@Injectable()
export class IngestPolicyService {
  constructor(
    private readonly policies: IngestPolicyRepository,
    private readonly audit: AuditFacade,
    @Inject(ingestConfig.KEY) private readonly config: ConfigType<typeof ingestConfig>,
  ) {}

  async effective(tenantId: string): Promise<EffectiveIngestPolicy> {
    const row = await this.policies.find(tenantId);
    return {
      duplicateObjid: row?.duplicateObjid ?? this.config.duplicateObjid,
      maxPackageBytes: row?.maxPackageBytes ?? this.config.maxPackageBytes,
      stagingQuotaBytes: row?.stagingQuotaBytes ?? this.config.stagingQuotaBytes,
      quarantineDays: row?.quarantineDays ?? this.config.quarantineDays,
      maxConcurrentDeliveries: row?.maxConcurrentDeliveries ?? this.config.tenantConcurrency,
    };
  }

  get(ctx: RequestContext, tenantId: string): Promise<EffectiveIngestPolicy> {
    this.requireAdmin(ctx, tenantId);
    return this.effective(tenantId);
  }

  /** Tenant administrators change their region's rules; the change is a logged configuration change. */
  async set(ctx: RequestContext, tenantId: string, input: IngestPolicyInput): Promise<EffectiveIngestPolicy> {
    this.requireAdmin(ctx, tenantId);
    const current = await this.policies.find(tenantId);
    const pick = <K extends keyof IngestPolicyInput>(key: K) => (input[key] !== undefined ? input[key] : (current?.[key] ?? null));
    await this.audit.withAudit(ctx, { action: AuditAction.ConfigChange, tenantId, details: { what: 'ingest-policy', ...input } }, () =>
      this.policies.upsert({
        tenantId,
        duplicateObjid: input.duplicateObjid ?? current?.duplicateObjid ?? this.config.duplicateObjid,
        maxPackageBytes: pick('maxPackageBytes') as number | null,
        stagingQuotaBytes: pick('stagingQuotaBytes') as number | null,
        quarantineDays: pick('quarantineDays') as number | null,
        maxConcurrentDeliveries: pick('maxConcurrentDeliveries') as number | null,
      }),
    );
    return this.effective(tenantId);
  }

  private requireAdmin(ctx: RequestContext, tenantId: string): void {
    // Another tenant's settings do not exist for this caller.
    if (ctx.tenantId !== tenantId) throw new NotFoundError('NOT_FOUND');
    ctx.requireAction(Action.TenantAdminister, { tenantId });
  }
}
