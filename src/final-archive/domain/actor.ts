import { RequestContext } from '../../platform/context';
import type { JobActor } from '../../platform/queue/queue-names';

export interface Actor {
  id: string;
  name: string | null;
}

/** Who acts, as the registers record it (principal id and display name; no personal identity number). */
export function actorOf(ctx: RequestContext): Actor {
  const p = ctx.requirePrincipal();
  return { id: `${p.kind}:${p.id}`, name: p.displayName ?? null };
}

/** The PREMIS agent of an event a person caused. */
export function premisAgent(ctx: RequestContext): { name: string; address: string } {
  const a = actorOf(ctx);
  return { name: a.name ?? a.id, address: `urn:samarkiv:${ctx.tenantId}:${a.id}` };
}

/** The person a job acts for, taken from the request that started it. */
export function jobActorOf(ctx: RequestContext): JobActor {
  const p = ctx.requirePrincipal();
  return { kind: p.kind, id: p.id, name: p.displayName ?? null, correlationId: ctx.correlationId };
}

/**
 * The context a job runs in: the tenant of its payload and the person who asked (audit entries
 * and PREMIS agents name them), with no grants of its own (the request checked them).
 */
export function jobContext(tenantId: string, actor: JobActor): RequestContext {
  return new RequestContext(actor.correlationId, { kind: actor.kind, id: actor.id, tenantId, displayName: actor.name ?? undefined, grants: [] });
}
