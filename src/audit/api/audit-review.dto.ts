import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { ReviewFlag } from '../domain/review-flags';

const TYPE_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;

export enum ExtractFormat {
  Json = 'json',
  Csv = 'csv',
  Pdf = 'pdf',
}

export class ReviewPeriodQuery {
  /** Information type under review (the reviewer's grant); default `patient-record`. */
  @IsOptional() @Matches(TYPE_ID)
  informationTypeId?: string;

  /** ISO 8601; default 30 days before `to`. */
  @IsOptional() @IsISO8601()
  from?: string;

  /** ISO 8601, exclusive; default now. */
  @IsOptional() @IsISO8601()
  to?: string;
}

export class FlagQuery extends ReviewPeriodQuery {
  /** Distinct patients per user and day above which every access of that day is flagged. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100000)
  volumeThreshold?: number;
}

/** The patient id travels in the body, never in the URL: URLs end up in access logs. */
export class PatientExtractDto {
  /** Personnummer or samordningsnummer, 10 or 12 digits; with `patientIssuer`, any other id. */
  @ValidateIf((o: PatientExtractDto) => !o.patientIssuer)
  @Matches(/^\d{6}(\d{2})?[-+]?\d{4}$/, { message: 'patientId must be a personnummer or samordningsnummer' })
  @IsString() @Length(1, 64)
  patientId!: string;

  /** The issuer OID of an id that is not a Swedish number (a foreign or local patient id). */
  @IsOptional() @IsString() @Length(1, 128)
  patientIssuer?: string;

  @IsOptional() @Matches(TYPE_ID)
  informationTypeId?: string;

  /** ISO 8601; default: the whole log. */
  @IsOptional() @IsISO8601()
  from?: string;

  @IsOptional() @IsISO8601()
  to?: string;

  @ApiProperty({ enum: ExtractFormat, required: false }) @IsOptional() @IsEnum(ExtractFormat)
  format?: ExtractFormat;
}

export class CreateSampleDto {
  @IsOptional() @Matches(TYPE_ID)
  informationTypeId?: string;

  @IsOptional() @IsISO8601()
  from?: string;

  @IsOptional() @IsISO8601()
  to?: string;

  @IsInt() @Min(1) @Max(1000)
  size!: number;
}

export class SampleNoteDto {
  @IsString() @Length(1, 4000)
  note!: string;
}

export class SignOffDto {
  @IsString() @Length(1, 4000)
  conclusion!: string;
}

export class ReviewActorDto {
  kind!: string;
  id!: string | null;
  hsaId!: string | null;
  name!: string | null;
  role!: string | null;
}

export class ReviewCareUnitDto {
  hsaId!: string | null;
  name!: string | null;
  process!: string | null;
}

export class ReviewEntryDto {
  seq!: number;
  time!: string;
  action!: string;
  outcome!: string;
  actor!: ReviewActorDto;
  careUnit!: ReviewCareUnitDto;
  informationTypeId!: string | null;
  patientId!: string | null;
  recordIds!: string[];
  @ApiProperty({ enum: ReviewFlag, isArray: true, required: false }) flags?: ReviewFlag[];
}

export class PatientExtractResultDto {
  tenantId!: string;
  patientId!: string;
  from!: string;
  to!: string;
  generatedAt!: string;
  truncated!: boolean;
  entries!: ReviewEntryDto[];
}

export class SampleItemDto {
  seq!: number;
  entry!: ReviewEntryDto | null;
  note!: string | null;
  notedBy!: string | null;
  notedAt!: string | null;
}

export class SampleDto {
  id!: string;
  tenantId!: string;
  informationTypeId!: string;
  from!: string;
  to!: string;
  size!: number;
  createdBy!: string;
  createdAt!: string;
  signedOffBy!: string | null;
  signedOffAt!: string | null;
  conclusion!: string | null;
  items?: SampleItemDto[];
}
