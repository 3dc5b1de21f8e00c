import { Injectable } from '@nestjs/common';
import { Grant } from '../../platform/context';
import { ChangeChannel, DatabaseNotifications } from '../../platform/database/database-notifications';
import { NotifiedCache } from '../../platform/database/notified-cache';
import { AccessGrantEntity } from '../domain/access-grant.entity';
import { GrantRepository } from '../infrastructure/grant.repository';
import { UserRepository } from '../infrastructure/user.repository';

/** What every request's principal is made of: the account and its effective grants. */
export interface PrincipalAccess {
  readonly user: { readonly id: string; readonly tenantId: string | null; readonly displayName: string; readonly hsaId: string | null; readonly disabled: boolean };
  readonly grants: readonly Grant[];
}

/**
 * Accounts and grants as each request needs them, cached per process and dropped the moment the
 * database commits a change to a tenant's users, memberships or grants (any process, any path;
 * see DatabaseNotifications), so a revoked grant or a disabled account stops at once without three
 * queries on every request.
 */
@Injectable()
export class PrincipalAccessService {
  private readonly cache: NotifiedCache<PrincipalAccess | null>;

  constructor(
    notifications: DatabaseNotifications,
    private readonly users: UserRepository,
    private readonly grants: GrantRepository,
  ) {
    this.cache = new NotifiedCache(notifications, ChangeChannel.Access, { maxEntries: 20_000, ttlMs: 60_000 });
  }

  /** The account and its grants; null when there is no such account in the tenant. */
  of(tenantId: string | null, userId: string): Promise<PrincipalAccess | null> {
    return this.cache.get(tenantId ?? '', userId, async () => {
      const user = await this.users.findUser(tenantId, userId);
      if (!user) return null;
      const grants = await this.resolveGrants(user.tenantId, user.id);
      // Shared by every request of this user until the next change: frozen.
      return Object.freeze({
        user: Object.freeze({ id: user.id, tenantId: user.tenantId, displayName: user.displayName, hsaId: user.hsaId, disabled: user.disabled }),
        grants: Object.freeze(grants.map((g) => Object.freeze({ ...g }))),
      });
    });
  }

  /** Effective grants of an account, read now: its own plus its groups'. Deny by default: none → []. */
  async resolveGrants(tenantId: string | null, userId: string): Promise<Grant[]> {
    const groupIds = tenantId ? await this.users.groupIdsOf(tenantId, userId) : [];
    const rows = await this.grants.effectiveGrants(tenantId, userId, groupIds);
    const seen = new Set<string>();
    const result: Grant[] = [];
    for (const r of rows) {
      const g = toGrant(r);
      const key = `${g.role}|${g.tenantId}|${g.informationTypeId}|${g.tier}`;
      if (!seen.has(key)) result.push(g);
      seen.add(key);
    }
    return result;
  }

  /** This process's own change: dropped now, ahead of the database's notification. */
  changed(tenantId: string | null): void {
    this.cache.invalidate(tenantId ?? '');
  }
}

export function toGrant(r: AccessGrantEntity): Grant {
  return { role: r.role, tenantId: r.tenantId, informationTypeId: r.informationTypeId, tier: r.tier };
}
