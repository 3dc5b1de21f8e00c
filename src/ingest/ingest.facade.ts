import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { RequestContext } from '../platform/context';
import { ValidationService } from './application/validation.service';

/** The ingest module's public surface (deliveries arrive with the ingest issue). */
@Injectable()
export class IngestFacade {
  constructor(private readonly validations: ValidationService) {}

  validateUpload(ctx: RequestContext, contentType: string | undefined, body: Readable) {
    return this.validations.validateUpload(ctx, contentType, body);
  }
}
