import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { AuditFacade } from '../../audit/audit.facade';
import { PreservationFacade } from '../../preservation/preservation.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { OperationsService } from '../application/operations.service';
import { PageService } from '../application/page.service';
import { AuditStatusPage, HealthPage, QueuesPage, TenantsPage } from '../views/operator.page';
import { StoragePage } from '../views/operator-storage.page';
import { ConsoleFormDto, InformationTypeSwitchFormDto, TenantFormDto } from './console-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

/** How far back the status page re-checks the access log's chains (a full check is `samarkiv audit verify`). */
export const AUDIT_STATUS_DAYS = 30;

/** The operators' pages: tenants, health, queues and the access log's integrity, never record content. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.TenantOperate)
@Controller('operator')
export class OperatorPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly tenancy: TenancyFacade,
    private readonly audit: AuditFacade,
    private readonly operations: OperationsService,
    private readonly preservation: PreservationFacade,
  ) {}

  @Get('tenants')
  async tenants(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [tenants, view] = await Promise.all([this.tenancy.listTenants(ctx), this.pages.view(ctx, req, res)]);
    this.pages.send(res, TenantsPage({ view, tenants, types: this.tenancy.informationTypes() }));
  }

  @Post('tenants')
  async createTenant(@Ctx() ctx: RequestContext, @Body() dto: TenantFormDto, @Res() res: Response): Promise<void> {
    await this.tenancy.createTenant(ctx, { id: dto.id, name: dto.name, organisationNumber: dto.organisationNumber, archiveAuthorityName: dto.archiveAuthorityName, informationTypes: dto.informationTypes });
    res.redirect(303, '/operator/tenants?done=done.tenantCreated');
  }

  // `:id`, not `:tenantId`: the guard would match a `tenantId` route param against the operator's own (none).
  @Post('tenants/:id/information-types/:type')
  async switchType(@Ctx() ctx: RequestContext, @Param('id') tenantId: string, @Param('type') type: string, @Body() dto: InformationTypeSwitchFormDto, @Res() res: Response): Promise<void> {
    await this.tenancy.setInformationType(ctx, tenantId, type, dto.enabled === 'on');
    res.redirect(303, '/operator/tenants?done=done.typeSwitched');
  }

  @Get('health')
  async health(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [health, view] = await Promise.all([this.operations.healthOf(ctx), this.pages.view(ctx, req, res)]);
    this.pages.send(res, HealthPage({ view, health }));
  }

  @Get('queues')
  async queues(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [queues, view] = await Promise.all([this.operations.queueCounts(ctx), this.pages.view(ctx, req, res)]);
    this.pages.send(res, QueuesPage({ view, queues }));
  }

  @Get('storage')
  async storage(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [runs, view] = await Promise.all([this.preservation.auditRuns(ctx, { limit: 20 }), this.pages.view(ctx, req, res)]);
    this.pages.send(res, StoragePage({ view, locations: this.preservation.storageLocations(), runs }));
  }

  @Get('audit')
  async auditStatus(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const from = new Date(Date.now() - AUDIT_STATUS_DAYS * 24 * 3600 * 1000);
    const [report, anchors, tenants, view] = await Promise.all([this.audit.verify(ctx, { from }), this.audit.anchors(ctx), this.tenancy.listTenants(ctx), this.pages.view(ctx, req, res)]);
    const tenantNames = new Map(tenants.map((t) => [t.id, t.name]));
    this.pages.send(res, AuditStatusPage({ view, report, anchors: [...anchors].reverse(), tenantNames }));
  }

  @Post('audit/anchor')
  async anchor(@Ctx() ctx: RequestContext, @Body() _dto: ConsoleFormDto, @Res() res: Response): Promise<void> {
    await this.audit.anchorNow(ctx);
    res.redirect(303, '/operator/audit?done=done.anchored');
  }
}
