import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Action, Ctx, Public, RequestContext, Requires } from '../../platform/context';
import { TenantService } from '../application/tenant.service';
import { AccessService } from '../application/access.service';
import { CreateGrantDto, CreateTenantDto, GrantDto, MeDto, TenantDto, UserDto } from './tenant.dto';

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
      ? { authenticated: true, kind: p.kind, id: p.id, tenantId: p.tenantId, displayName: p.displayName, grants: p.grants, correlationId: ctx.correlationId }
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
}
