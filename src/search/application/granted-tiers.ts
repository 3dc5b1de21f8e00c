import { Action, RequestContext, Tier, TIERS } from '../../platform/context';

/** The tiers in which the caller may do `action` on this information type in its own tenant. */
export function grantedTiers(ctx: RequestContext, action: Action, informationTypeId: string): Tier[] {
  const tiers = new Set<Tier>();
  for (const p of ctx.permissions) {
    if (p.action !== action || p.tenantId !== ctx.tenantId || p.informationTypeId !== informationTypeId) continue;
    if (p.tier === null) TIERS.forEach((t) => tiers.add(t));
    else tiers.add(p.tier);
  }
  return [...tiers];
}
