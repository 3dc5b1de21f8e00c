import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { AuthFacade, IdentityProviderInput } from '../../auth/auth.facade';
import { IngestFacade } from '../../ingest/ingest.facade';
import { TenancyFacade } from '../../tenancy/tenancy.facade';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { PageService } from '../application/page.service';
import { parsePolicyLines } from '../application/format-policy-form';
import { UsersPage, GroupsPage } from '../views/admin-access.page';
import { ApiClientSecretPage, ApiClientsPage } from '../views/admin-clients.page';
import { FormatPoliciesPage, IdentityProviderPage } from '../views/admin-settings.page';
import { ApiClientFormDto, ConsoleFormDto, FormatPolicyFormDto, GrantFormDto, GroupFormDto, IdentityProviderFormDto } from './console-forms.dto';
import { ConsoleExceptionFilter } from './console-exception.filter';

/** The tenant administrator's pages; the same facades and checks as the REST API. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Requires(Action.TenantAdminister)
@Controller('admin')
export class AdminPagesController {
  constructor(
    private readonly pages: PageService,
    private readonly tenancy: TenancyFacade,
    private readonly auth: AuthFacade,
    private readonly ingest: IngestFacade,
  ) {}

  @Get('users')
  async users(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tenantId = ctx.requireTenant();
    const [users, grants, types, view] = await Promise.all([this.tenancy.listUsers(ctx, tenantId), this.tenancy.listGrants(ctx, tenantId), this.enabledTypes(ctx), this.pages.view(ctx, req, res)]);
    this.pages.send(res, UsersPage({ view, users, grants, types }));
  }

  @Get('groups')
  async groups(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tenantId = ctx.requireTenant();
    const [groups, types, view] = await Promise.all([this.tenancy.listGroups(ctx, tenantId), this.enabledTypes(ctx), this.pages.view(ctx, req, res)]);
    this.pages.send(res, GroupsPage({ view, groups, types }));
  }

  @Post('groups')
  async saveGroup(@Ctx() ctx: RequestContext, @Body() dto: GroupFormDto, @Res() res: Response): Promise<void> {
    await this.tenancy.saveGroup(ctx, ctx.requireTenant(), { name: dto.name, externalName: dto.externalName });
    res.redirect(303, '/admin/groups?done=done.groupSaved');
  }

  @Post('grants')
  async grant(@Ctx() ctx: RequestContext, @Body() dto: GrantFormDto, @Res() res: Response): Promise<void> {
    const [kind, id] = dto.subject.split(':');
    const subject = kind === 'user' ? { userId: id } : { groupId: id };
    await this.tenancy.grant(ctx, ctx.requireTenant(), { subject, role: dto.role, informationTypeId: dto.informationTypeId, tier: dto.tier });
    res.redirect(303, `${dto.back ?? '/admin/users'}?done=done.grantAdded`);
  }

  @Post('grants/:grantId/revoke')
  async revokeGrant(@Ctx() ctx: RequestContext, @Param('grantId') grantId: string, @Body() _dto: ConsoleFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    await this.tenancy.revokeGrant(ctx, ctx.requireTenant(), grantId);
    res.redirect(303, `${backTo(req, ['/admin/users', '/admin/groups'])}?done=done.grantRevoked`);
  }

  @Get('api-clients')
  async apiClients(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [clients, types, view] = await Promise.all([this.auth.listApiClients(ctx, ctx.requireTenant()), this.enabledTypes(ctx), this.pages.view(ctx, req, res)]);
    this.pages.send(res, ApiClientsPage({ view, clients, types }));
  }

  /** Answers with the secret itself (once), not a redirect: it is never stored in readable form. */
  @Post('api-clients')
  async createApiClient(@Ctx() ctx: RequestContext, @Body() dto: ApiClientFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { client, token } = await this.auth.createApiClient(ctx, ctx.requireTenant(), { name: dto.name, scopes: dto.scopes, informationTypes: dto.informationTypes, expiresInDays: dto.expiresInDays });
    this.pages.send(res, ApiClientSecretPage({ view: await this.pages.view(ctx, req, res), client, token, rotated: false }));
  }

  @Post('api-clients/:id/rotate')
  async rotateApiClient(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() _dto: ConsoleFormDto, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { client, token } = await this.auth.rotateApiClient(ctx, ctx.requireTenant(), id);
    this.pages.send(res, ApiClientSecretPage({ view: await this.pages.view(ctx, req, res), client, token, rotated: true }));
  }

  @Post('api-clients/:id/revoke')
  async revokeApiClient(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() _dto: ConsoleFormDto, @Res() res: Response): Promise<void> {
    await this.auth.revokeApiClient(ctx, ctx.requireTenant(), id);
    res.redirect(303, '/admin/api-clients?done=done.clientRevoked');
  }

  @Get('identity-provider')
  async identityProvider(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const tenantId = ctx.requireTenant();
    const idp = await this.auth.getIdentityProvider(ctx, tenantId).catch((err: unknown) => {
      // Not configured yet is a normal state of this page, not an error.
      if (err instanceof DomainError && err.kind === ErrorKind.NotFound) return null;
      throw err;
    });
    const view = await this.pages.view(ctx, req, res);
    this.pages.send(res, IdentityProviderPage({ view, idp, spMetadataUrl: `/auth/${tenantId}/saml/metadata` }));
  }

  @Post('identity-provider')
  async setIdentityProvider(@Ctx() ctx: RequestContext, @Body() dto: IdentityProviderFormDto, @Res() res: Response): Promise<void> {
    const attributeMap = Object.fromEntries(
      Object.entries({ userId: dto.attrUserId, displayName: dto.attrDisplayName, email: dto.attrEmail, hsaId: dto.attrHsaId, groups: dto.attrGroups }).filter(([, v]) => v !== undefined),
    );
    const input: IdentityProviderInput = {
      metadataXml: dto.metadataXml,
      metadataUrl: dto.metadataUrl,
      entityId: dto.entityId,
      ssoUrl: dto.ssoUrl,
      sloUrl: dto.sloUrl,
      certificates: dto.certificate ? [dto.certificate] : undefined,
      attributeMap,
      wantEncryptedAssertions: dto.wantEncryptedAssertions === 'on',
    };
    await this.auth.setIdentityProvider(ctx, ctx.requireTenant(), input);
    res.redirect(303, '/admin/identity-provider?done=done.idpSaved');
  }

  @Get('format-policies')
  async formatPolicies(@Ctx() ctx: RequestContext, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [policies, view] = await Promise.all([this.ingest.listFormatPolicies(ctx, ctx.requireTenant()), this.pages.view(ctx, req, res)]);
    this.pages.send(res, FormatPoliciesPage({ view, policies }));
  }

  @Post('format-policies/:type')
  async setFormatPolicy(@Ctx() ctx: RequestContext, @Param('type') type: string, @Body() dto: FormatPolicyFormDto, @Res() res: Response): Promise<void> {
    await this.ingest.setFormatPolicy(ctx, ctx.requireTenant(), type, { name: dto.name, defaultDecision: dto.defaultDecision, formats: parsePolicyLines(dto.formats) });
    res.redirect(303, '/admin/format-policies?done=done.policySaved');
  }

  @Post('format-policies/:type/reset')
  async resetFormatPolicy(@Ctx() ctx: RequestContext, @Param('type') type: string, @Body() _dto: ConsoleFormDto, @Res() res: Response): Promise<void> {
    await this.ingest.resetFormatPolicy(ctx, ctx.requireTenant(), type);
    res.redirect(303, '/admin/format-policies?done=done.policyReset');
  }

  private async enabledTypes(ctx: RequestContext): Promise<string[]> {
    return (await this.tenancy.getTenant(ctx, ctx.requireTenant())).informationTypes;
  }
}

/** The page a form came from, when it is one of the expected ones (Referer is only a hint). */
function backTo(req: Request, allowed: string[]): string {
  const referer = req.get('referer');
  const path = referer ? new URL(referer, 'http://x').pathname : '';
  return allowed.includes(path) ? path : allowed[0];
}
