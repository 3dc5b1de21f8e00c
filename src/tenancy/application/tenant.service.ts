import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RequestContext, Role } from '../../platform/context';
import { storageConfig } from '../../platform/config/settings';
import { JobHandler } from '../../platform/queue/job-handler.decorator';
import { JobQueueService } from '../../platform/queue/job-queue.service';
import { JobName, TenantJobPayload } from '../../platform/queue/queue-names';
import { TenantEntity } from '../domain/tenant.entity';
import { TenantRepository } from '../infrastructure/tenant.repository';
import { tenantExists, tenantNotFound } from '../tenancy.errors';
import { InformationTypeRegistry } from './information-type.registry';

export interface TenantView {
  id: string;
  name: string;
  organisationNumber: string;
  archiveAuthorityName: string;
  informationTypes: string[];
  createdAt: string;
}

export interface CreateTenantInput {
  id: string;
  name: string;
  organisationNumber: string;
  archiveAuthorityName: string;
  informationTypes?: string[];
}

/** Per-tenant areas on local disk that ingest needs before the first delivery. */
export const TENANT_AREAS = ['staging', 'quarantine'] as const;

@Injectable()
export class TenantService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly types: InformationTypeRegistry,
    private readonly jobs: JobQueueService,
    @Inject(storageConfig.KEY) private readonly storage: ConfigType<typeof storageConfig>,
  ) {}

  /** Operators see every tenant; everyone else sees only their own. */
  async list(ctx: RequestContext): Promise<TenantView[]> {
    ctx.requirePrincipal();
    const rows = ctx.isOperator() ? await this.tenants.findAll() : await this.tenants.findByIds(ctx.tenantId ? [ctx.tenantId] : []);
    return Promise.all(rows.map((t) => this.view(t)));
  }

  /** Ids and names only, for choosing a region before login. */
  async regions(): Promise<Array<{ id: string; name: string }>> {
    return (await this.tenants.findAll()).map((t) => ({ id: t.id, name: t.name }));
  }

  /** Another tenant's id answers "not found", never "forbidden": no existence leak. */
  async get(ctx: RequestContext, id: string): Promise<TenantView> {
    ctx.requirePrincipal();
    if (!ctx.isOperator() && ctx.tenantId !== id) throw tenantNotFound();
    const tenant = await this.tenants.findById(id);
    if (!tenant) throw tenantNotFound();
    return this.view(tenant);
  }

  async create(ctx: RequestContext, input: CreateTenantInput): Promise<TenantView> {
    ctx.require(Role.Operator);
    const typeIds = input.informationTypes ?? this.types.all().map((t) => t.id);
    typeIds.forEach((t) => this.types.get(t));
    if (await this.tenants.findById(input.id)) throw tenantExists(input.id);
    const tenant = await this.tenants.insert(input);
    for (const t of typeIds) await this.tenants.enableInformationType(tenant.id, t);
    await this.jobs.enqueue(JobName.TenantProvision, { tenantId: tenant.id }, 'initial');
    return this.view(tenant);
  }

  async setInformationType(ctx: RequestContext, tenantId: string, informationTypeId: string, enabled: boolean): Promise<TenantView> {
    ctx.require(Role.Operator);
    this.types.get(informationTypeId);
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw tenantNotFound();
    if (enabled) await this.tenants.enableInformationType(tenantId, informationTypeId);
    else await this.tenants.disableInformationType(tenantId, informationTypeId);
    return this.view(tenant);
  }

  /** Idempotent: creating directories that exist is a no-op, so a retried job is harmless. */
  @JobHandler(JobName.TenantProvision)
  async provision(payload: TenantJobPayload): Promise<{ areas: string[] }> {
    const tenant = await this.tenants.findById(payload.tenantId);
    if (!tenant) return { areas: [] };
    const areas = TENANT_AREAS.map((a) => this.areaPath(tenant.id, a));
    for (const dir of areas) await mkdir(dir, { recursive: true, mode: 0o750 });
    return { areas };
  }

  areaPath(tenantId: string, area: (typeof TENANT_AREAS)[number]): string {
    return join(this.storage.root, 'tenants', tenantId, area);
  }

  private async view(t: TenantEntity): Promise<TenantView> {
    return {
      id: t.id,
      name: t.name,
      organisationNumber: t.organisationNumber,
      archiveAuthorityName: t.archiveAuthorityName,
      informationTypes: await this.tenants.informationTypes(t.id),
      createdAt: t.createdAt.toISOString(),
    };
  }
}
