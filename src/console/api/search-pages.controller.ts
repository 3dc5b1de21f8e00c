import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { pipeline } from 'node:stream/promises';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { SearchableType, SearchErrorCode, SearchFacade } from '../../search/search.facade';
import { PageService } from '../application/page.service';
import { EMPTY_FORM, hasCriteria, pickedRecordIds, readSearchForm, toSearchRequest } from '../application/search-form';
import type { MessageKey } from '../i18n/i18n';
import { SearchIndexPage, SearchOutcome, SearchPage } from '../views/search.page';
import { TimelinePage } from '../views/timeline.page';
import { TimelineFormDto } from './console-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

/** Search errors the form answers itself (with the form filled in again); the rest are error pages. */
const FORM_ERRORS: Partial<Record<string, MessageKey>> = {
  [SearchErrorCode.InvalidCriteria]: 'search.invalidCriteria',
  [SearchErrorCode.InvalidCursor]: 'search.invalidCursor',
  [SearchErrorCode.InvalidSort]: 'search.invalidSort',
};

/** Spärr (from the search module): matching records exist that this person may not see. */
const blockedExists = (result: object): boolean => (result as { blocked?: { exists?: boolean } }).blocked?.exists === true;

/** The reader's pages: search per information type, a patient's timeline, DIP export. The search module logs every search and export. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('search')
export class SearchPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly search: SearchFacade,
  ) {}

  @Get()
  @Requires(Action.RecordSearch)
  async index(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.pages.send(res, SearchIndexPage({ view: await this.pages.view(ctx, req, res), types: this.search.informationTypes(ctx) }));
  }

  @Get(':type')
  @Requires(Action.RecordSearch, { informationTypeFrom: { param: 'type' } })
  async form(@Ctx() ctx: RequestContext, @Param('type') typeId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.pages.send(res, SearchPage({ view: await this.pages.view(ctx, req, res), type: this.type(ctx, typeId), state: EMPTY_FORM, outcome: { kind: 'form' } }));
  }

  /** POST: criteria (a personnummer among them) travel in the body, never in the URL. */
  @Post(':type')
  @Requires(Action.RecordSearch, { informationTypeFrom: { param: 'type' } })
  async run(@Ctx() ctx: RequestContext, @Param('type') typeId: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const type = this.type(ctx, typeId);
    const state = readSearchForm(type, body ?? {});
    const outcome = hasCriteria(state) ? await this.outcome(ctx, type, state) : ({ kind: 'tooBroad' } as const);
    const status = outcome.kind === 'result' ? 200 : 400;
    this.pages.send(res, SearchPage({ view: await this.pages.view(ctx, req, res), type, state, outcome }), status);
  }

  @Get(':type/timeline')
  @Requires(Action.RecordSearch, { informationTypeFrom: { param: 'type' } })
  async timelineForm(@Ctx() ctx: RequestContext, @Param('type') typeId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const type = this.type(ctx, typeId);
    this.pages.send(res, TimelinePage({ view: await this.pages.view(ctx, req, res), type, ask: { patientId: '' }, timeline: null, blocked: false }));
  }

  @Post(':type/timeline')
  @Requires(Action.RecordSearch, { informationTypeFrom: { param: 'type' } })
  async timeline(@Ctx() ctx: RequestContext, @Param('type') typeId: string, @Body() dto: TimelineFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const type = this.type(ctx, typeId);
    const date = dto.from || dto.to ? { from: dto.from, to: dto.to } : undefined;
    const timeline = await this.search.timeline(ctx, type.id, { patientId: dto.patientId, date });
    const ask = { patientId: dto.patientId, from: dto.from, to: dto.to };
    this.pages.send(res, TimelinePage({ view: await this.pages.view(ctx, req, res), type, ask, timeline, blocked: blockedExists(timeline) }));
  }

  /**
   * The ticked rows as an E-ARK DIP (zip), built by the search module from the AIPs and streamed;
   * the export is logged there. Nothing ticked: the same results again, with what to do.
   */
  @Post(':type/dip')
  @Requires(Action.RecordExport, { informationTypeFrom: { param: 'type' } })
  async dip(@Ctx() ctx: RequestContext, @Param('type') typeId: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const type = this.type(ctx, typeId);
    const recordIds = pickedRecordIds(body ?? {});
    if (recordIds.length === 0) {
      const state = readSearchForm(type, body ?? {});
      const outcome = hasCriteria(state) ? await this.outcome(ctx, type, state) : ({ kind: 'form' } as const);
      this.pages.send(res, SearchPage({ view: await this.pages.view(ctx, req, res), type, state, outcome, problem: 'search.dipNone' }), 400);
      return;
    }
    const dip = await this.search.exportDip(ctx, { recordIds });
    res.status(200);
    res.setHeader('content-type', 'application/zip');
    res.setHeader('content-disposition', `attachment; filename="${dip.fileName}"`);
    res.setHeader('cache-control', 'no-store');
    await pipeline(dip.stream, res);
  }

  private async outcome(ctx: RequestContext, type: SearchableType, state: ReturnType<typeof readSearchForm>): Promise<SearchOutcome> {
    try {
      const result = await this.search.search(ctx, type.id, toSearchRequest(type, state));
      return { kind: 'result', result, blocked: blockedExists(result) };
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      if (err.code === SearchErrorCode.TooBroad) return { kind: 'tooBroad' };
      const message = FORM_ERRORS[err.code];
      if (!message) throw err;
      return { kind: 'invalid', message, field: typeof err.details?.field === 'string' ? err.details.field : null };
    }
  }

  /** The guard has checked the grant; the type's definition comes from the search module. */
  private type(ctx: RequestContext, id: string): SearchableType {
    const type = this.search.informationTypes(ctx).find((t) => t.id === id);
    if (!type) throw new DomainError('FORBIDDEN', ErrorKind.Forbidden, `Not allowed: ${Action.RecordSearch}`);
    return type;
  }
}
