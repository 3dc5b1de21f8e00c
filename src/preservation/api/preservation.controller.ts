import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { PreservationFacade } from '../preservation.facade';
import { AuditRunDto, AuditRunQuery, SetStoragePolicyDto, StorageLocationDto, StoragePolicyDto } from './preservation.dto';

/** Operators' view of archival storage: locations, policies, fixity-audit reports. No content. */
@ApiTags('preservation')
@Controller('api/v1/preservation')
export class PreservationController {
  constructor(private readonly preservation: PreservationFacade) {}

  /** Latest fixity-audit runs with the objects that failed, newest first. */
  @Requires(Action.TenantOperate)
  @Get('audits')
  @ApiOkResponse({ type: AuditRunDto, isArray: true })
  audits(@Ctx() ctx: RequestContext, @Query() q: AuditRunQuery): Promise<AuditRunDto[]> {
    return this.preservation.auditRuns(ctx, q);
  }

  @Requires(Action.TenantOperate)
  @Get('locations')
  @ApiOkResponse({ type: StorageLocationDto, isArray: true })
  locations(): StorageLocationDto[] {
    return this.preservation.storageLocations();
  }

  /** The tenant's storage policy (operators; the tenant's own people see theirs). */
  @Get('policies/:tenantId')
  @ApiOkResponse({ type: StoragePolicyDto })
  policy(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string): Promise<StoragePolicyDto> {
    return this.preservation.storagePolicy(ctx, tenantId);
  }

  /** Sets which locations hold the tenant's copies (operators only). */
  @Put('policies/:tenantId')
  @ApiOkResponse({ type: StoragePolicyDto })
  setPolicy(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: SetStoragePolicyDto): Promise<StoragePolicyDto> {
    return this.preservation.setStoragePolicy(ctx, tenantId, dto.locations);
  }
}
