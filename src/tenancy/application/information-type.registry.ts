import { Inject, Injectable } from '@nestjs/common';
import { ConfigType } from '@nestjs/config';
import { appConfig } from '../../platform/config/settings';
import { InformationTypeDefinition } from '../domain/information-type';
import { loadInformationTypes } from '../infrastructure/information-type.loader';
import { unknownInformationType } from '../tenancy.errors';

/** The information types declared in configuration, loaded and checked once at start-up. */
@Injectable()
export class InformationTypeRegistry {
  private readonly types: Map<string, InformationTypeDefinition>;

  constructor(@Inject(appConfig.KEY) app: ConfigType<typeof appConfig>) {
    this.types = new Map(loadInformationTypes(app.informationTypesDir).map((t) => [t.id, t]));
  }

  all(): InformationTypeDefinition[] {
    return [...this.types.values()];
  }

  has(id: string): boolean {
    return this.types.has(id);
  }

  get(id: string): InformationTypeDefinition {
    const t = this.types.get(id);
    if (!t) throw unknownInformationType(id);
    return t;
  }
}
