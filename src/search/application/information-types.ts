import { Injectable } from '@nestjs/common';
import { InformationTypeDefinition, TenancyFacade } from '../../tenancy/tenancy.facade';
import { informationTypeNotFound } from '../search.errors';

/** The configured information types as search sees them (unknown ids are "not found"). */
@Injectable()
export class SearchTypes {
  constructor(private readonly tenancy: TenancyFacade) {}

  get(id: string): InformationTypeDefinition {
    const t = this.tenancy.informationTypes().find((x) => x.id === id);
    if (!t) throw informationTypeNotFound();
    return t;
  }

  all(): InformationTypeDefinition[] {
    return this.tenancy.informationTypes();
  }
}
