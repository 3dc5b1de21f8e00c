import { Injectable } from '@nestjs/common';
import { DEFAULT_FORMAT_POLICY, FormatPolicy, parseFormatPolicy } from '@samarkiv/pronom';
import { Action, RequestContext } from '../../platform/context';
import { AuditAction, AuditFacade, AuditOutcome } from '../../audit/audit.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { formatPolicyNotFound, invalidFormatPolicy } from '../ingest.errors';
import { FormatPolicyEntity } from './format-policy.entity';
import { FormatPolicyRepository } from './format-policy.repository';

export interface FormatPolicyView {
  informationTypeId: string;
  /** `default` until a tenant administrator saves an own policy for the type. */
  source: 'default' | 'tenant';
  policy: FormatPolicy;
  updatedAt: string | null;
  updatedBy: string | null;
}

/**
 * The accepted-format policy per tenant × information type. Ingest asks `policyFor`; tenant
 * administrators read and change it. Policies hold PUIDs only, no record content.
 */
@Injectable()
export class FormatPolicyService {
  constructor(
    private readonly policies: FormatPolicyRepository,
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
  ) {}

  /** The policy ingest applies for the caller's tenant (a delivery job's context carries it). */
  async policyFor(ctx: RequestContext, informationTypeId: string): Promise<FormatPolicy> {
    const row = await this.policies.find(ctx.requireTenant(), informationTypeId);
    return row ? toPolicy(row) : DEFAULT_FORMAT_POLICY;
  }

  async list(ctx: RequestContext, tenantId: string): Promise<FormatPolicyView[]> {
    const enabled = await this.enabledTypes(ctx, tenantId);
    const saved = new Map((await this.policies.list(tenantId)).map((r) => [r.informationTypeId, r]));
    return enabled.map((typeId) => view(typeId, saved.get(typeId)));
  }

  async get(ctx: RequestContext, tenantId: string, informationTypeId: string): Promise<FormatPolicyView> {
    await this.requireEnabled(ctx, tenantId, informationTypeId);
    return view(informationTypeId, (await this.policies.find(tenantId, informationTypeId)) ?? undefined);
  }

  async set(ctx: RequestContext, tenantId: string, informationTypeId: string, input: unknown): Promise<FormatPolicyView> {
    await this.requireEnabled(ctx, tenantId, informationTypeId);
    let policy: FormatPolicy;
    try {
      policy = parseFormatPolicy(input);
    } catch (err) {
      throw invalidFormatPolicy((err as Error).message);
    }
    const saved = await this.audit.withAudit(
      ctx,
      { action: AuditAction.ConfigChange, tenantId, informationTypeId, outcome: AuditOutcome.Success, details: changeDetails(policy) },
      () => this.policies.save({ tenantId, informationTypeId, ...policy, updatedBy: ctx.principal?.id ?? null }),
    );
    return view(informationTypeId, saved);
  }

  /** Back to the built-in default. */
  async reset(ctx: RequestContext, tenantId: string, informationTypeId: string): Promise<FormatPolicyView> {
    await this.requireEnabled(ctx, tenantId, informationTypeId);
    await this.audit.withAudit(
      ctx,
      { action: AuditAction.ConfigChange, tenantId, informationTypeId, outcome: AuditOutcome.Success, details: { what: 'format-policy', reset: true } },
      () => this.policies.remove(tenantId, informationTypeId),
    );
    return view(informationTypeId, undefined);
  }

  private async enabledTypes(ctx: RequestContext, tenantId: string): Promise<string[]> {
    // Another tenant's policies do not exist for this caller.
    if (ctx.tenantId !== tenantId) throw formatPolicyNotFound();
    ctx.requireAction(Action.TenantAdminister, { tenantId });
    return (await this.tenancy.getTenant(ctx, tenantId)).informationTypes;
  }

  private async requireEnabled(ctx: RequestContext, tenantId: string, informationTypeId: string): Promise<void> {
    if (!(await this.enabledTypes(ctx, tenantId)).includes(informationTypeId)) throw formatPolicyNotFound();
  }
}

function toPolicy(row: FormatPolicyEntity): FormatPolicy {
  return { name: row.name, defaultDecision: row.defaultDecision, formats: row.formats };
}

function view(informationTypeId: string, row: FormatPolicyEntity | undefined): FormatPolicyView {
  return {
    informationTypeId,
    source: row ? 'tenant' : 'default',
    policy: row ? toPolicy(row) : DEFAULT_FORMAT_POLICY,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: row?.updatedBy ?? null,
  };
}

/** What the audit entry keeps: the policy's shape, enough to see what changed. */
function changeDetails(policy: FormatPolicy) {
  const counts = { accept: 0, 'accept-with-warning': 0, reject: 0 };
  for (const d of Object.values(policy.formats)) counts[d] += 1;
  return { what: 'format-policy', name: policy.name, defaultDecision: policy.defaultDecision, ...counts };
}
