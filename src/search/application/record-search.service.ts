import { Injectable } from '@nestjs/common';
import { AuditAction, AuditFacade } from '../../audit/audit.facade';
import { Action, RequestContext } from '../../platform/context';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import type { InformationTypeDefinition } from '../../tenancy/tenancy.facade';
import { TypeIndexLayout } from '../domain/index-row.builder';
import { FacetPage, RecordIndex, SearchPage } from '../domain/record-index.port';
import { RecordSummary, toSummary } from '../domain/record-views';
import { BlockScope, FacetResult, Filter, SearchPlan } from '../domain/search-plan';
import { viewerUnit } from './viewer-unit';
import { AuditedPatient, searchedPatient } from './audit-patient';
import { notSearchable } from '../search.errors';
import { checkBounded, facetSpecs, parseCriteria, sortSpec } from './criteria.parser';
import { grantedTiers } from './granted-tiers';
import { SearchTypes } from './information-types';
import { decodeCursor, encodeCursor } from './search-cursor';

export interface SearchRequest {
  criteria: Record<string, unknown>;
  limit?: number;
  cursor?: string;
  sort?: { field?: string; direction?: 'asc' | 'desc' };
}

export interface SearchResult {
  items: RecordSummary[];
  facets: FacetResult;
  /** Matches counted up to the facet sample; `complete` is false when there are more. */
  total: { count: number; complete: boolean };
  nextCursor: string | null;
  /** Spärr: whether matches exist that the caller may not see (never how many, never what). */
  blocked: { exists: boolean };
}

export interface TimelineRequest {
  patientId: string;
  patientIssuer?: string;
  date?: { from?: string; to?: string };
}

export interface TimelineResult {
  patient: { id: string };
  groups: Array<{ unit: string | null; first: string | null; last: string | null; items: RecordSummary[] }>;
  count: number;
  truncated: boolean;
  blocked: { exists: boolean };
}

type PatientFilter = Extract<Filter, { kind: 'patient' }>;

/** Safe facts for the log entry: how the patient was attributed, and that hidden (blocked) matches exist. */
const detailsOf = (patient: Record<string, unknown>, hidden: boolean): Record<string, unknown> | null => {
  const details = { ...patient, ...(hidden ? { blockedMatches: true } : {}) };
  return Object.keys(details).length ? details : null;
};

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;
const TIMELINE_MAX = 5000;

/** Search per information type: criteria typed by the type, authorization in the query, every search logged. */
@Injectable()
export class RecordSearchService {
  constructor(
    private readonly types: SearchTypes,
    private readonly index: RecordIndex,
    private readonly audit: AuditFacade,
  ) {}

  async search(ctx: RequestContext, informationTypeId: string, req: SearchRequest): Promise<SearchResult> {
    const { tenantId, type, tiers } = this.access(ctx, informationTypeId);
    const parsed = parseCriteria(type, req.criteria ?? {});
    checkBounded(type, parsed.bounded);
    const sort = sortSpec(type, req.sort);
    const limit = Math.min(Math.max(req.limit ?? DEFAULT_LIMIT, 1), MAX_LIMIT);
    const blocks = await this.blockScope(ctx, tenantId, type);
    const plan: SearchPlan = { tenantId, informationTypeId, tiers, filters: parsed.filters, sort, cursor: decodeCursor(sort, req.cursor), limit, facets: facetSpecs(type), blocks };
    // The first page carries facets, the count and the spärr notice; later pages only items.
    const [page, hidden] = await Promise.all([plan.cursor ? this.index.search(plan) : this.index.firstPage(plan), this.index.hidden(plan)]);
    const facets: FacetPage | null = plan.cursor ? null : (page as SearchPage & FacetPage);
    const items = page.items.map((r) => toSummary(type, r));
    const who = this.patientOf(type, parsed.filters, items);
    await this.audit.record(ctx, {
      action: AuditAction.Search,
      informationTypeId,
      patient: who.patient,
      searchCriteria: { criteria: req.criteria, sort: { field: sort.field, direction: sort.direction }, page: plan.cursor ? 'next' : 'first' },
      recordIds: items.map((i) => i.id),
      details: detailsOf(who.details, hidden),
    });
    return {
      items,
      facets: facets?.facets ?? {},
      total: facets ? { count: facets.matched, complete: facets.complete } : { count: items.length, complete: false },
      nextCursor: page.last ? encodeCursor(sort, page.last) : null,
      blocked: { exists: hidden },
    };
  }

  /** All of one patient's records of the type in date order, grouped by care unit (most recent group first). */
  async timeline(ctx: RequestContext, informationTypeId: string, req: TimelineRequest): Promise<TimelineResult> {
    const { tenantId, type, tiers } = this.access(ctx, informationTypeId);
    const layout = new TypeIndexLayout(type);
    if (!layout.patientField || !type.index.date) throw notSearchable(`${type.id} has no patient and date to build a timeline from`);
    const criteria: Record<string, unknown> = { [layout.patientField]: req.patientId, patientIssuer: req.patientIssuer };
    if (req.date) criteria[type.index.date] = req.date;
    const parsed = parseCriteria(type, criteria);
    const patient = parsed.filters.find((f): f is PatientFilter => f.kind === 'patient')!;
    const blocks = await this.blockScope(ctx, tenantId, type);
    const plan: SearchPlan = {
      tenantId,
      informationTypeId,
      tiers,
      filters: parsed.filters,
      sort: { field: type.index.date, column: 'record_date', direction: 'asc' },
      cursor: null,
      limit: TIMELINE_MAX,
      facets: [],
      blocks,
    };
    const [page, hidden] = await Promise.all([this.index.search(plan), this.index.hidden(plan)]);
    const truncated = page.last !== null;
    const items = page.items.map((r) => toSummary(type, r));
    const groups = new Map<string, RecordSummary[]>();
    for (const item of items) {
      const key = item.unit ?? '';
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    const who = this.patientOf(type, parsed.filters, items);
    await this.audit.record(ctx, {
      action: AuditAction.Search,
      informationTypeId,
      patient: who.patient,
      searchCriteria: { timeline: true, criteria },
      recordIds: items.map((i) => i.id),
      details: detailsOf(who.details, hidden),
    });
    return {
      patient: { id: patient.id },
      groups: [...groups.entries()]
        .map(([unit, list]) => ({ unit: unit || null, first: list[0].date, last: list[list.length - 1].date, items: list }))
        .sort((a, b) => (b.last ?? '').localeCompare(a.last ?? '')),
      count: items.length,
      truncated,
      blocked: { exists: hidden },
    };
  }

  /** The searched patient for the access log (patient-data types only), with the issuer of a non-Swedish id. */
  private patientOf(type: InformationTypeDefinition, filters: Filter[], items: RecordSummary[]): AuditedPatient {
    if (!type.patientData) return { patient: null, details: {} };
    return searchedPatient(
      filters.find((f): f is PatientFilter => f.kind === 'patient'),
      items.map((i) => i.patient),
    );
  }

  /** Spärr applies to patient data: the caller sees blocked units' records only when acting in that unit. */
  private blockScope(ctx: RequestContext, tenantId: string, type: InformationTypeDefinition): Promise<BlockScope | null> {
    return type.patientData ? this.index.blockScope(tenantId, viewerUnit(ctx)) : Promise.resolve(null);
  }

  private access(ctx: RequestContext, informationTypeId: string): { tenantId: string; type: InformationTypeDefinition; tiers: string[] } {
    const tenantId = ctx.requireTenant();
    const type = this.types.get(informationTypeId);
    const tiers = grantedTiers(ctx, Action.RecordSearch, informationTypeId);
    if (tiers.length === 0) throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Not allowed: ${Action.RecordSearch}`);
    return { tenantId, type, tiers };
  }
}
