import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Action, Ctx, RequestContext, Requires } from '../../platform/context';
import { AuditReviewService } from '../application/audit-review.service';
import { extractCsv, extractPdf } from '../application/extract-export';
import { CreateSampleDto, ExtractFormat, FlagQuery, PatientExtractDto, PatientExtractResultDto, ReviewEntryDto, ReviewPeriodQuery, SampleDto, SampleNoteDto, SignOffDto } from './audit-review.dto';

const PATIENT_RECORD = 'patient-record';

/** Log review for a tenant's log reviewers (role log-reviewer); the console builds its pages on these. */
@ApiTags('audit')
@Controller('api/v1/tenants/:tenantId/audit')
@Requires(Action.AuditReview)
export class AuditReviewController {
  constructor(private readonly review: AuditReviewService) {}

  /** Who accessed this patient's records, when, and from which care unit (the patient's log extract). */
  @Post('patient-extract')
  @HttpCode(200)
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: PatientExtractResultDto })
  async patientExtract(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: PatientExtractDto): Promise<PatientExtractResultDto | StreamableFile> {
    const extract = await this.review.patientExtract(ctx, { tenantId, informationTypeId: dto.informationTypeId ?? PATIENT_RECORD, patientId: dto.patientId, patientIssuer: dto.patientIssuer, from: dto.from, to: dto.to });
    if (dto.format === ExtractFormat.Csv) return new StreamableFile(extractCsv(extract), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="loggutdrag.csv"' });
    if (dto.format === ExtractFormat.Pdf) return new StreamableFile(await extractPdf(extract), { type: 'application/pdf', disposition: 'attachment; filename="loggutdrag.pdf"' });
    return extract;
  }

  @Get('users/:userId/accesses')
  @ApiOkResponse({ type: ReviewEntryDto, isArray: true })
  userAccesses(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('userId') userId: string, @Query() q: ReviewPeriodQuery): Promise<ReviewEntryDto[]> {
    return this.review.userAccesses(ctx, { tenantId, userId, informationTypeId: q.informationTypeId ?? PATIENT_RECORD, from: q.from, to: q.to });
  }

  /** Accesses worth a look: own record, same surname, protected identity, unusual hours or volume. */
  @Get('flags')
  @ApiOkResponse({ type: ReviewEntryDto, isArray: true })
  flags(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Query() q: FlagQuery): Promise<ReviewEntryDto[]> {
    return this.review.flagged(ctx, { tenantId, informationTypeId: q.informationTypeId ?? PATIENT_RECORD, from: q.from, to: q.to, volumeThreshold: q.volumeThreshold });
  }

  @Post('samples')
  createSample(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Body() dto: CreateSampleDto): Promise<SampleDto> {
    return this.review.createSample(ctx, { tenantId, informationTypeId: dto.informationTypeId ?? PATIENT_RECORD, from: dto.from, to: dto.to, size: dto.size });
  }

  @Get('samples')
  @ApiOkResponse({ type: SampleDto, isArray: true })
  listSamples(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Query() q: ReviewPeriodQuery): Promise<SampleDto[]> {
    return this.review.listSamples(ctx, { tenantId, informationTypeId: q.informationTypeId ?? PATIENT_RECORD });
  }

  @Get('samples/:sampleId')
  getSample(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('sampleId') sampleId: string): Promise<SampleDto> {
    return this.review.getSample(ctx, tenantId, sampleId);
  }

  @Put('samples/:sampleId/items/:seq/note')
  note(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('sampleId') sampleId: string, @Param('seq', ParseIntPipe) seq: number, @Body() dto: SampleNoteDto): Promise<SampleDto> {
    return this.review.noteItem(ctx, tenantId, sampleId, seq, dto.note);
  }

  @Post('samples/:sampleId/sign-off')
  @HttpCode(200)
  signOff(@Ctx() ctx: RequestContext, @Param('tenantId') tenantId: string, @Param('sampleId') sampleId: string, @Body() dto: SignOffDto): Promise<SampleDto> {
    return this.review.signOff(ctx, tenantId, sampleId, dto.conclusion);
  }
}
