import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Ctx, RequestContext } from '../../platform/context';
import { InformationTypeRegistry } from '../application/information-type.registry';
import { InformationTypeDefinition } from '../domain/information-type';

/** Type definitions are configuration, not content: any signed-in user may read them. */
@ApiTags('tenancy')
@Controller('api/v1/information-types')
export class InformationTypeController {
  constructor(private readonly types: InformationTypeRegistry) {}

  @Get()
  list(@Ctx() ctx: RequestContext): InformationTypeDefinition[] {
    ctx.requirePrincipal();
    return this.types.all();
  }

  @Get(':id')
  get(@Ctx() ctx: RequestContext, @Param('id') id: string): InformationTypeDefinition {
    ctx.requirePrincipal();
    return this.types.get(id);
  }
}
