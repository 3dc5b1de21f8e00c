import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { ModuleRef } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { ArchiveFacade, MAX_SELECTION } from '../../archive/archive.facade';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { finalArchiveConfig } from '../../platform/config/settings';
import { Action, RequestContext } from '../../platform/context';
import { runInTenantScope } from '../../platform/database/tenant-scope';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { CENTRAL_SCOPE, JobName, JobPayloads } from '../../platform/queue/queue-names';
import { runsWorker } from '../../platform/queue/worker-role';
import { actorOf } from '../domain/actor';
import { addYears, retentionStart, RetentionRule, RetentionTrigger, ruleFor } from '../domain/retention';
import { ruleExists, ruleNotFound } from '../final-archive.errors';
import { RetentionRepository } from '../infrastructure/retention.repository';
import { SelectedAip, SelectionService } from './selection.service';

const SCHEDULER_ID = JobName.RetentionScan;

export interface CandidateView extends SelectedAip {
  ruleId: string;
  dueAt: string;
}

/**
 * Retention rules per tenant × information type (× source system) and the candidate list the
 * scheduled scan keeps: AIPs whose retention period has run out under the most specific rule.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  private readonly logger = new Logger('final-archive');

  constructor(
    private readonly rules: RetentionRepository,
    private readonly archive: ArchiveFacade,
    private readonly selection: SelectionService,
    private readonly audit: AuditFacade,
    private readonly jobs: JobQueueService,
    private readonly moduleRef: ModuleRef,
    @Inject(finalArchiveConfig.KEY) private readonly config: ConfigType<typeof finalArchiveConfig>,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!runsWorker(this.moduleRef)) return;
    const data: JobPayloads[JobName.RetentionScan] = { tenantId: CENTRAL_SCOPE };
    // A fixed scheduler id: every worker process upserts the same schedule.
    await this.jobs.queue(JobName.RetentionScan).upsertJobScheduler(SCHEDULER_ID, { every: this.config.retentionScanIntervalMs }, { name: JobName.RetentionScan, data });
  }

  async createRule(ctx: RequestContext, input: { informationTypeId: string; sourceSystem?: string | null; trigger: RetentionTrigger; years: number; description?: string }): Promise<RetentionRule> {
    const tenantId = ctx.requireTenant();
    ctx.requireAction(Action.DisposalApprove, { informationTypeId: input.informationTypeId });
    const rule = { id: randomUUID(), informationTypeId: input.informationTypeId, sourceSystem: input.sourceSystem ?? null, trigger: input.trigger, years: input.years, description: input.description ?? null, createdBy: actorOf(ctx).id };
    return this.audit.withAudit(ctx, { action: AuditAction.ConfigChange, informationTypeId: input.informationTypeId, details: { setting: 'retention-rule', ruleId: rule.id, trigger: rule.trigger, years: rule.years, sourceSystem: rule.sourceSystem } }, async () => {
      try {
        return await this.rules.insertRule(tenantId, rule);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw ruleExists();
        throw e;
      }
    });
  }

  async listRules(ctx: RequestContext): Promise<RetentionRule[]> {
    const rules = await this.rules.rules(ctx.requireTenant());
    return rules.filter((r) => ctx.can(Action.DisposalRead, { informationTypeId: r.informationTypeId }));
  }

  async deleteRule(ctx: RequestContext, id: string): Promise<void> {
    const tenantId = ctx.requireTenant();
    const rule = (await this.rules.rules(tenantId)).find((r) => r.id === id);
    if (!rule || !ctx.can(Action.DisposalRead, { informationTypeId: rule.informationTypeId })) throw ruleNotFound();
    ctx.requireAction(Action.DisposalApprove, { informationTypeId: rule.informationTypeId });
    await this.audit.withAudit(ctx, { action: AuditAction.ConfigChange, informationTypeId: rule.informationTypeId, details: { setting: 'retention-rule', ruleId: id, removed: true } }, () =>
      this.rules.deleteRule(tenantId, id),
    );
  }

  /** Recomputes the tenant's candidate list now (what the scheduled job does for every tenant). */
  async scan(ctx: RequestContext, now = new Date()): Promise<{ candidates: number; truncated: boolean }> {
    const tenantId = ctx.requireTenant();
    const rules = await this.rules.rules(tenantId);
    const found: Array<{ aipId: string; ruleId: string; dueAt: Date }> = [];
    let truncated = false;
    for (const type of [...new Set(rules.map((r) => r.informationTypeId))]) {
      let aips = await this.archive.selectAips(ctx, { informationTypeIds: [type], statuses: ['active', 'superseded'] });
      if (aips.length > MAX_SELECTION) {
        truncated = true;
        aips = aips.slice(0, MAX_SELECTION);
      }
      for (const aip of await this.selection.describe(ctx, aips)) {
        const rule = ruleFor(rules, aip.informationTypeId, aip.sourceSystem);
        const start = rule && retentionStart(rule, aip);
        if (!rule || !start) continue;
        const due = addYears(start, rule.years);
        if (due <= now) found.push({ aipId: aip.id, ruleId: rule.id, dueAt: due });
      }
    }
    await this.rules.replaceCandidates(tenantId, found);
    if (truncated) this.logger.warn({ tenantId }, `retention scan covered the first ${MAX_SELECTION} AIPs of a type`);
    return { candidates: found.length, truncated };
  }

  /** Candidates with their hold state, of the types the caller may see. */
  async candidates(ctx: RequestContext): Promise<CandidateView[]> {
    const tenantId = ctx.requireTenant();
    const candidates = await this.rules.candidates(tenantId);
    const byAip = new Map(candidates.map((c) => [c.aipId, c]));
    const aips = await this.archive.selectAips(ctx, { ids: [...byAip.keys()], statuses: ['active', 'superseded'] });
    const visible = aips.filter((a) => ctx.can(Action.DisposalRead, { informationTypeId: a.informationTypeId }));
    return (await this.selection.describe(ctx, visible)).map((a) => ({ ...a, ruleId: byAip.get(a.id)!.ruleId, dueAt: byAip.get(a.id)!.dueAt }));
  }

  async requireScanRight(ctx: RequestContext): Promise<void> {
    const types = [...ctx.informationTypesFor(Action.DisposalPropose), ...ctx.informationTypesFor(Action.DisposalApprove)];
    if (types.length === 0) throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Not allowed: ${Action.DisposalPropose}`);
  }

  /** Every tenant with rules, each in its own tenant scope; one tenant's failure does not stop the others. */
  @JobHandler(JobName.RetentionScan)
  async scanJob(_payload: JobPayloads[JobName.RetentionScan], meta: { jobId: string }): Promise<{ tenants: number; candidates: number; failed: number }> {
    let candidates = 0;
    let failed = 0;
    const tenants = await this.rules.tenantsWithRules();
    for (const tenantId of tenants) {
      try {
        const result = await runInTenantScope(tenantId, () => this.scan(RequestContext.job(tenantId, `${meta.jobId}:${tenantId}`)));
        candidates += result.candidates;
      } catch (e) {
        failed++;
        this.logger.error({ tenantId, err: (e as Error).message }, 'retention scan failed for a tenant');
      }
    }
    return { tenants: tenants.length, candidates, failed };
  }
}
