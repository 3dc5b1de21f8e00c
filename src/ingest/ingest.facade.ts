import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { RequestContext } from '../platform/context';
import type { FormatPolicy } from '@samarkiv/pronom';
import { ValidationService } from './application/validation.service';
import { FormatPolicyService } from './format-policy/format-policy.service';

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
}
