import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ASSESSMENTS, SecrecyAssessment } from '../domain/disclosure-request';
import { HOLD_SCOPES, HoldScope } from '../domain/hold';
import { RETENTION_TRIGGERS, RetentionTrigger } from '../domain/retention';

const TYPE_ID = /^[a-z][a-z0-9-]{0,62}$/;
const PERSONAL_ID = /^\d{6}(\d{2})?[-+]?\d{4}$/;

export class PeriodDto {
  @IsOptional() @IsISO8601()
  from?: string;

  @IsOptional() @IsISO8601()
  to?: string;
}

export class ProposeTransferDto {
  @IsOptional() @Matches(TYPE_ID)
  informationTypeId?: string;

  @IsOptional() @IsString() @Length(1, 200)
  sourceSystem?: string;

  /** Whole deliveries. */
  @IsOptional() @IsArray() @ArrayMaxSize(10_000) @IsUUID('all', { each: true })
  deliveryIds?: string[];

  /** Only AIPs whose records all fall within the period. */
  @IsOptional() @ValidateNested() @Type(() => PeriodDto)
  period?: PeriodDto;

  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class DecisionNoteDto {
  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class RefusalDto {
  @IsString() @Length(1, 4000)
  note!: string;
}

export class ListQueryDto {
  @IsOptional() @IsIn(['proposed', 'accepting', 'accepted', 'refused'])
  status?: 'proposed' | 'accepting' | 'accepted' | 'refused';

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class CreateRetentionRuleDto {
  @Matches(TYPE_ID)
  informationTypeId!: string;

  @IsOptional() @IsString() @Length(1, 200)
  sourceSystem?: string;

  @ApiProperty({ enum: RETENTION_TRIGGERS }) @IsIn(RETENTION_TRIGGERS)
  trigger!: RetentionTrigger;

  @IsInt() @Min(0) @Max(1000)
  years!: number;

  @IsOptional() @IsString() @MaxLength(2000)
  description?: string;
}

export class SetHoldDto {
  @ApiProperty({ enum: HOLD_SCOPES }) @IsIn(HOLD_SCOPES)
  scope!: HoldScope;

  /** A personnummer for a patient hold, the uuid of the delivery, AIP or record otherwise. */
  @IsString() @Length(1, 64)
  target!: string;

  @IsString() @Length(1, 2000)
  reason!: string;
}

export class HoldListQueryDto {
  @IsOptional() @IsIn(['true', 'false'])
  includeReleased?: 'true' | 'false';
}

export class ProposeDisposalDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) @IsUUID('all', { each: true })
  aipIds!: string[];

  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class ProposeJournalDestructionDto {
  @Matches(PERSONAL_ID, { message: 'patientId must be a personnummer or samordningsnummer' })
  patientId!: string;

  /** E.g. the IVO decision the destruction follows. */
  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class ApproveDisposalDto {
  /** The archive authority's decision (gallringsbeslut, IVO decision). */
  @IsString() @Length(1, 200)
  decisionReference!: string;
}

export class PageQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class TombstoneQueryDto {
  @IsOptional() @IsUUID()
  aipId?: string;

  @IsOptional() @IsUUID()
  disposalId?: string;
}

export class RegisterRequestDto {
  @IsString() @Length(1, 100)
  reference!: string;

  @IsString() @Length(1, 300)
  requesterName!: string;

  @IsOptional() @IsString() @MaxLength(300)
  requesterContact?: string;

  @IsISO8601()
  receivedAt!: string;

  @IsString() @Length(1, 4000)
  subject!: string;

  @IsOptional() @Matches(TYPE_ID)
  informationTypeId?: string;
}

export class AssessRequestDto {
  @ApiProperty({ enum: ASSESSMENTS }) @IsIn(ASSESSMENTS)
  outcome!: SecrecyAssessment;

  @IsString() @Length(1, 8000)
  reasoning!: string;
}

export class HandOutDto {
  @IsArray() @ArrayMaxSize(10_000) @IsUUID('all', { each: true })
  recordIds!: string[];

  /** Reference of the DIP that was handed out, when one was made. */
  @IsOptional() @IsString() @MaxLength(500)
  dip?: string;

  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class HandOutDipDto {
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10_000) @IsUUID('all', { each: true })
  recordIds!: string[];

  @IsOptional() @IsString() @MaxLength(4000)
  note?: string;
}

export class RequestSearchQueryDto {
  /** Matches reference, requester and subject. */
  @IsOptional() @IsString() @MaxLength(200)
  q?: string;

  @IsOptional() @IsIn([...ASSESSMENTS, 'pending'])
  assessment?: SecrecyAssessment | 'pending';

  @IsOptional() @IsISO8601()
  from?: string;

  @IsOptional() @IsISO8601()
  to?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class ExportPackageParamsDto {
  @IsUUID()
  id!: string;

  @IsUUID()
  exportId!: string;

  /** A package name as the export lists it: `<aip id>.zip`. */
  @Matches(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.zip$/, { message: 'name must be a package name of the export (<aip id>.zip)' })
  name!: string;
}
