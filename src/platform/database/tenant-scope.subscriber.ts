import type { PoolClient } from 'pg';
import { EntitySubscriberInterface, EventSubscriber, QueryEvent, TransactionRollbackEvent } from 'typeorm';
import { currentTenantScope } from './tenant-scope';

/** The setting the row-level-security policies read (see the RowLevelSecurity migration). */
export const TENANT_SETTING = 'samarkiv.tenant_id';

type ScopedClient = PoolClient & { samarkivScope?: string };

/** The pg client a query runner holds once connected (TypeORM keeps the field protected). */
const clientOf = (runner: unknown) => (runner as { databaseConnection?: ScopedClient }).databaseConnection;

/**
 * Before every query, makes sure the pooled connection carries the current tenant scope. The
 * setting is session-level and cached per connection, so it costs a round trip only when a
 * connection changes hands between tenants; a rollback may undo it, so the cache is dropped then.
 */
@EventSubscriber()
export class TenantScopeSubscriber implements EntitySubscriberInterface {
  async beforeQuery(event: QueryEvent<unknown>): Promise<void> {
    const client = clientOf(event.queryRunner);
    if (!client) return;
    const scope = currentTenantScope();
    if (client.samarkivScope === scope) return;
    await client.query(`SELECT set_config('${TENANT_SETTING}', $1, false)`, [scope]);
    client.samarkivScope = scope;
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const client = clientOf(event.queryRunner);
    if (client) client.samarkivScope = undefined;
  }
}
