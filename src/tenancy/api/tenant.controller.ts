import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, Public, RequestContext, Requires } from '../../platform/context';
import { TenantService } from '../application/tenant.service';
import { AccessService } from '../application/access.service';
import { CreateGrantDto, CreateTenantDto, GrantDto, GrantRowDto, GroupDto, InformationTypeSwitchDto, MeDto, SaveGroupDto, TenantDto, UserDto } from './tenant.dto';

@ApiTags('tenancy')
@Controller('api/v1')
export class TenantController {
  constructor(
    private readonly tenants: TenantService,
    private readonly access: AccessService,
  ) {}

  /** Who am I, and what may I do? */
  @Public()
  @Get('me')
  me(@Ctx() ctx: RequestContext): MeDto {
    const p = ctx.principal;
    return p
      ? { authenticated: true, kind: p.kind, id: p.id, tenantId: p.tenantId, displayName: p.displayName, grants: [...p.grants], correlationId: ctx.correlationId }
      : { authenticated: false, grants: [], correlationId: ctx.correlationId };
  }

  @Get('tenants')
  list(@Ctx() ctx: RequestContext): Promise<TenantDto[]> {
    return this.tenants.list(ctx);
  }

  @Get('tenants/:tenantId')
  get(@Ctx() ctx: RequestContext, @Param('tenantId') id: string): Promise<TenantDto> {
    return this.tenants.get(ctx, id);
  }

  @Requires(Action.TenantOperate)
  @Post('tenants')
  create(@Ctx() ctx: RequestContext, @Body() dto: CreateTenantDto): Promise<TenantDto> {
    return this.tenants.create(ctx, dto);
  }

  @Get('tenants/:tenantId/users')
  users(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<UserDto[]> {
    return this.access.listUsers(ctx, tenantId);
  }

  @Get('tenants/:tenantId/users/:userId')
  user(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('userId') userId: string): Promise<UserDto> {
    return this.access.getUser(ctx, tenantId, userId);
  }

  @Post('tenants/:tenantId/grants')
  grant(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: CreateGrantDto): Promise<GrantDto> {
    const subject = dto.userId ? { userId: dto.userId } : { groupId: dto.groupId! };
    return this.access.grant(ctx, tenantId, { subject, role: dto.role, informationTypeId: dto.informationTypeId, tier: dto.tier });
  }

  @Get('tenants/:tenantId/grants')
  grants(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<GrantRowDto[]> {
    return this.access.listGrants(ctx, tenantId);
  }

  @HttpCode(204)
  @Delete('tenants/:tenantId/grants/:grantId')
  revoke(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('grantId') grantId: string): Promise<void> {
    return this.access.revokeGrant(ctx, tenantId, grantId);
  }

  /** Groups and their grants; `externalName` is the IdP group value that gives membership. */
  @Get('tenants/:tenantId/groups')
  groups(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<GroupDto[]> {
    return this.access.listGroups(ctx, tenantId);
  }

  /** Creates a group, or sets the external name of the group with that name. */
  @Post('tenants/:tenantId/groups')
  saveGroup(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: SaveGroupDto): Promise<GroupDto> {
    return this.access.saveGroup(ctx, tenantId, dto);
  }

  /**
   * Operators only (checked by the service): a `@Requires` here would be matched against the
   * route's tenant, which a central operator never belongs to.
   */
  @Put('tenants/:tenantId/information-types/:informationTypeId')
  setInformationType(
    @Ctx() ctx: RequestContext,
    @Param('tenantId') tenantId: string,
    @Param('informationTypeId') informationTypeId: string,
    @Body() dto: InformationTypeSwitchDto,
  ): Promise<TenantDto> {
    return this.tenants.setInformationType(ctx, tenantId, informationTypeId, dto.enabled);
  }
}
