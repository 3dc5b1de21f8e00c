import { Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '../../platform/errors/domain.error';
import { IngestErrorCode } from '../ingest.errors';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { ValidationService } from '../application/validation.service';
import { ValidationReportDto } from './validation.dto';

@ApiTags('ingest')
@Controller('api/v1/validations')
export class ValidationController {
  constructor(private readonly validations: ValidationService) {}

  /**
   * Validate a package without delivering it (a conformance check for vendors). The body is the
   * package itself (ZIP, TAR or .tar.gz); the answer is the same report as `samarkiv validate --json`.
   */
  @Post()
  @HttpCode(200)
  @Requires(Action.ValidationRun)
  @ApiConsumes('application/zip', 'application/x-tar', 'application/gzip')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  async validate(@Ctx() ctx: RequestContext, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<ValidationReportDto> {
    try {
      return await this.validations.validateUpload(ctx, req.headers['content-type'], req);
    } catch (err) {
      // The rest of an oversized body is not read: close the connection after the answer.
      if (err instanceof DomainError && err.code === IngestErrorCode.PackageTooLarge) res.setHeader('Connection', 'close');
      throw err;
    }
  }
}
