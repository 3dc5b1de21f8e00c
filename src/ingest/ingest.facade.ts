import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { RequestContext } from '../platform/context';
import type { FormatPolicy } from '@samarkiv/pronom';
import { ValidationService } from './application/validation.service';
import { FormatPolicyService, FormatPolicyView } from './format-policy/format-policy.service';

export type { FormatPolicyView };

/** The ingest module's public surface (deliveries arrive with the ingest issue). */
@Injectable()
export class IngestFacade {
  constructor(
    private readonly validations: ValidationService,
    private readonly formatPolicies: FormatPolicyService,
  ) {}

  validateUpload(ctx: RequestContext, contentType: string | undefined, body: Readable) {
    return this.validations.validateUpload(ctx, contentType, body);
  }

  /** The accepted-format policy that applies to the caller's tenant for one information type. */
  formatPolicyFor(ctx: RequestContext, informationTypeId: string): Promise<FormatPolicy> {
    return this.formatPolicies.policyFor(ctx, informationTypeId);
  }

  // The tenant administrator's policies (the REST API and the console share these).
  listFormatPolicies(ctx: RequestContext, tenantId: string): Promise<FormatPolicyView[]> {
    return this.formatPolicies.list(ctx, tenantId);
  }

  setFormatPolicy(ctx: RequestContext, tenantId: string, informationTypeId: string, policy: unknown): Promise<FormatPolicyView> {
    return this.formatPolicies.set(ctx, tenantId, informationTypeId, policy);
  }

  resetFormatPolicy(ctx: RequestContext, tenantId: string, informationTypeId: string): Promise<FormatPolicyView> {
    return this.formatPolicies.reset(ctx, tenantId, informationTypeId);
  }
}
