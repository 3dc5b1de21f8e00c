import { RequestContext } from '../../platform/context';

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
