import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { preservationConfig } from '../../platform/config/settings';
import { RequestContext, Role } from '../../platform/context';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { StorageLocations } from '../infrastructure/storage-locations';
import { StoragePolicyRepository } from '../infrastructure/storage-policy.repository';
import { invalidPolicy, unknownLocation } from '../preservation.errors';

export interface StoragePolicyView {
  tenantId: string;
  /** Locations holding a copy of every object, in write order (the first is written from the source). */
  locations: string[];
  /** True when the tenant has no policy of its own and gets every configured location. */
  isDefault: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Which locations hold a tenant's copies: its own policy, or every configured location. */
@Injectable()
export class StoragePolicyService {
  constructor(
    private readonly repo: StoragePolicyRepository,
    private readonly locations: StorageLocations,
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
    @Inject(preservationConfig.KEY) private readonly config: ConfigType<typeof preservationConfig>,
  ) {}

  /** The locations every object of the tenant must be in. Internal: callers already hold the tenant. */
  async locationsFor(tenantId: string): Promise<string[]> {
    const row = await this.repo.find(tenantId);
    // A location removed from the configuration no longer counts; the policy check at update keeps it rare.
    const names = row ? row.locations.filter((l) => this.locations.has(l)) : this.locations.names();
    if (names.length < this.config.minCopies) throw invalidPolicy(`tenant ${tenantId} has ${names.length} usable location(s), fewer than ${this.config.minCopies}`);
    return names;
  }

  /** Operators see any tenant's policy; a tenant's own people see theirs. */
  async get(ctx: RequestContext, tenantId: string): Promise<StoragePolicyView> {
    await this.tenancy.getTenant(ctx, tenantId);
    const row = await this.repo.find(tenantId);
    return row
      ? { tenantId, locations: row.locations, isDefault: false, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy }
      : { tenantId, locations: this.locations.names(), isDefault: true, updatedAt: null, updatedBy: null };
  }

  /**
   * Sets the tenant's locations (operators only). Existing objects get their new copies from the
   * next `storage repair` or audit; copies in locations dropped from the policy are kept.
   */
  async set(ctx: RequestContext, tenantId: string, locations: string[] | null): Promise<StoragePolicyView> {
    ctx.require(Role.Operator);
    await this.tenancy.getTenant(ctx, tenantId);
    if (locations !== null) {
      for (const l of locations) if (!this.locations.has(l)) throw unknownLocation(l);
      if (new Set(locations).size !== locations.length) throw invalidPolicy('a location is named twice');
      if (locations.length < this.config.minCopies) throw invalidPolicy(`at least ${this.config.minCopies} locations are required (STORAGE_MIN_COPIES)`);
    }
    const entry = { action: AuditAction.ConfigChange, tenantId: null, details: { setting: 'storage-policy', tenantId, locations } };
    await this.audit.withAudit(ctx, entry, () => (locations === null ? this.repo.remove(tenantId) : this.repo.upsert(tenantId, locations, ctx.principal?.id ?? 'unknown')));
    return this.get(ctx, tenantId);
  }

  configuredLocations(): Array<{ name: string; description: string }> {
    return this.locations.names().map((name) => ({ name, description: this.locations.describe(name) }));
  }
}
