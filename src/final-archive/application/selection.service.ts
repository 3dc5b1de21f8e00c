import { Injectable } from '@nestjs/common';
import { ArchiveFacade, AipSelection, AipView, MAX_SELECTION } from '../../archive/archive.facade';
import { RequestContext } from '../../platform/context';
import { SearchFacade } from '../../search/search.facade';
import { selectionTooLarge } from '../final-archive.errors';
import { SelectionSummary } from '../domain/transfer';
import { HoldRepository } from '../infrastructure/hold.repository';

/** An AIP with what its records say: counts, date range, held records. */
export interface SelectedAip extends AipView {
  records: number;
  firstDate: string | null;
  lastDate: string | null;
  heldRecords: number;
  patientsLastDate: string | null;
  /** A hold names the AIP, its delivery, one of its records or one of its patients. */
  held: boolean;
}

/**
 * Turns a selection into AIPs with their record statistics and hold state, for transfers and
 * disposals alike. The caller decides which information types the person may act on.
 */
@Injectable()
export class SelectionService {
  constructor(
    private readonly archive: ArchiveFacade,
    private readonly search: SearchFacade,
    private readonly holds: HoldRepository,
  ) {}

  async select(ctx: RequestContext, selection: AipSelection, period?: { from?: string; to?: string }): Promise<SelectedAip[]> {
    const aips = await this.archive.selectAips(ctx, selection);
    if (aips.length > MAX_SELECTION) throw selectionTooLarge(MAX_SELECTION);
    const withStats = await this.describe(ctx, aips);
    if (!period?.from && !period?.to) return withStats;
    const from = period.from ? new Date(period.from).toISOString() : null;
    // An inclusive end date covers that whole day.
    const to = period.to ? new Date(new Date(period.to).getTime() + (period.to.length <= 10 ? 86_400_000 - 1 : 0)).toISOString() : null;
    return withStats.filter((a) => a.firstDate !== null && a.lastDate !== null && (!from || a.firstDate >= from) && (!to || a.lastDate <= to));
  }

  async describe(ctx: RequestContext, aips: AipView[]): Promise<SelectedAip[]> {
    const tenantId = ctx.requireTenant();
    const active = await this.holds.active(tenantId);
    const patientIds = active.filter((h) => h.scope === 'patient').map((h) => h.target);
    const recordIds = active.filter((h) => h.scope === 'record').map((h) => h.target);
    const stats = new Map((await this.search.aipRecordStats(ctx, aips.map((a) => a.id), { patientIds, recordIds })).map((s) => [s.aipId, s]));
    const heldAips = new Set(active.filter((h) => h.scope === 'aip').map((h) => h.target));
    const heldDeliveries = new Set(active.filter((h) => h.scope === 'delivery').map((h) => h.target));
    return aips.map((a) => {
      const s = stats.get(a.id);
      const heldRecords = s?.heldRecords ?? 0;
      return {
        ...a,
        records: s?.records ?? 0,
        firstDate: s?.firstDate ?? null,
        lastDate: s?.lastDate ?? null,
        heldRecords,
        patientsLastDate: s?.patientsLastDate ?? null,
        held: heldRecords > 0 || heldAips.has(a.id) || heldDeliveries.has(a.deliveryId),
      };
    });
  }
}

export function summarize(aips: SelectedAip[]): SelectionSummary {
  const dates = aips.flatMap((a) => [a.firstDate, a.lastDate]).filter((d): d is string => d !== null).sort();
  return {
    aips: aips.length,
    records: aips.reduce((n, a) => n + a.records, 0),
    bytes: aips.reduce((n, a) => n + a.totalBytes, 0),
    firstDate: dates[0] ?? null,
    lastDate: dates[dates.length - 1] ?? null,
    heldRecords: aips.reduce((n, a) => n + a.heldRecords, 0),
    informationTypes: [...new Set(aips.map((a) => a.informationTypeId))].sort(),
    sourceSystems: [...new Set(aips.map((a) => a.sourceSystem))].sort(),
  };
}
