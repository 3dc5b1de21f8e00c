import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The tenant a unit of work acts for, carried implicitly so that the database layer can tell
 * PostgreSQL (row-level security) without every query passing it. Services still receive the
 * RequestContext explicitly and filter by tenant themselves; this is the last line of defence.
 *
 * `ALL_TENANTS` is for work that legitimately spans tenants: authentication look-ups before a
 * principal exists, operators' administration, central maintenance jobs and CLI commands.
 */
export const ALL_TENANTS = '*';

const storage = new AsyncLocalStorage<string>();

export function runInTenantScope<T>(tenantId: string | null | undefined, fn: () => T): T {
  return storage.run(tenantId || ALL_TENANTS, fn);
}

/** The scope of the current async chain; work started outside any scope spans all tenants. */
export function currentTenantScope(): string {
  return storage.getStore() ?? ALL_TENANTS;
}
