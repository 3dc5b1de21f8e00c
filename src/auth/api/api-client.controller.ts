import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../../platform/context';
import { ApiClientService } from '../application/api-client.service';
import { ApiClientDto, ApiClientWithTokenDto, CreateApiClientDto, RotateApiClientDto } from './auth.dto';

/** Machine clients of a region, administered by its tenant administrators. */
@ApiTags('auth')
@Controller('api/v1/tenants/:tenantId/api-clients')
export class ApiClientController {
  constructor(private readonly clients: ApiClientService) {}

  @Get()
  list(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<ApiClientDto[]> {
    return this.clients.list(ctx, tenantId);
  }

  /** The token is in this answer only. */
  @Post()
  create(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: CreateApiClientDto): Promise<ApiClientWithTokenDto> {
    return this.clients.create(ctx, tenantId, dto);
  }

  @Get(':id')
  get(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('id') id: string): Promise<ApiClientDto> {
    return this.clients.get(ctx, tenantId, id);
  }

  @Post(':id/rotate')
  rotate(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('id') id: string, @Body() dto: RotateApiClientDto): Promise<ApiClientWithTokenDto> {
    return this.clients.rotate(ctx, tenantId, id, dto.expiresInDays);
  }

  @Post(':id/revoke')
  revoke(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('id') id: string): Promise<ApiClientDto> {
    return this.clients.revoke(ctx, tenantId, id);
  }
}
