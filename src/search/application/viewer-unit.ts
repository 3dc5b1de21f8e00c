import { RequestContext } from '../../platform/context';

/** The care unit the caller acts in (its HSA-id, as records carry the unit), for spärr. */
export const viewerUnit = (ctx: RequestContext): string | null => ctx.principal?.careUnit?.hsaId ?? null;
