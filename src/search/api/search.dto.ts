import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';

export class SortDto {
  /** A sortable field of the type (default: its date field). */
  @IsOptional() @IsString() @Length(1, 63)
  field?: string;

  @IsOptional() @IsIn(['asc', 'desc'])
  direction?: 'asc' | 'desc';
}

export class SearchDto {
  /**
   * Criteria by field name of the information type. A string is full text for text fields and an
   * exact value otherwise (end it with * for a prefix where the field allows it); an array is "any
   * of"; `{ "from", "to" }` is a range; `{ "exact" }` / `{ "prefix" }` choose the mode.
   * `patientId` takes every usual written form of a personnummer; `patientIssuer` narrows it to one issuer OID.
   */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { patientId: '19121212-1212', date: { from: '2015-01-01', to: '2016-12-31' }, text: 'hypertoni' } })
  @IsObject()
  criteria!: Record<string, unknown>;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional() @IsString() @Length(1, 2048)
  cursor?: string;

  @IsOptional() @ValidateNested() @Type(() => SortDto)
  sort?: SortDto;
}

export class PeriodDto {
  @IsOptional() @IsString()
  from?: string;

  @IsOptional() @IsString()
  to?: string;
}

/** The patient id travels in the body, never in the URL: URLs end up in logs. */
export class TimelineDto {
  @IsString() @Length(1, 64)
  patientId!: string;

  @IsOptional() @IsString() @Length(1, 128)
  patientIssuer?: string;

  @IsOptional() @ValidateNested() @Type(() => PeriodDto)
  date?: PeriodDto;
}

export class RecordSummaryDto {
  @ApiProperty() id!: string;
  @ApiProperty() informationTypeId!: string;
  @ApiProperty({ enum: ['intermediate', 'final'] }) tier!: string;
  @ApiProperty({ nullable: true, type: String }) date!: string | null;
  @ApiProperty({ nullable: true, type: String }) unit!: string | null;
  @ApiPropertyOptional({ nullable: true, type: 'object', properties: { id: { type: 'string' }, issuer: { type: 'string', nullable: true } } })
  patient!: { id: string; issuer: string | null } | null;
  @ApiProperty() sourceSystem!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) fields!: Record<string, unknown>;
}

export class SearchResultDto {
  @ApiProperty({ type: RecordSummaryDto, isArray: true }) items!: RecordSummaryDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'array', items: { type: 'object', properties: { value: { type: 'string' }, count: { type: 'integer' } } } } })
  facets!: Record<string, Array<{ value: string; count: number }>>;
  @ApiProperty({ type: 'object', properties: { count: { type: 'integer' }, complete: { type: 'boolean' } } }) total!: { count: number; complete: boolean };
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
  /** Spärr: true when records matching the criteria exist that the caller may not see (never how many). */
  @ApiProperty({ type: 'object', properties: { exists: { type: 'boolean' } } }) blocked!: { exists: boolean };
}

export class TimelineGroupDto {
  @ApiProperty({ nullable: true, type: String }) unit!: string | null;
  @ApiProperty({ nullable: true, type: String }) first!: string | null;
  @ApiProperty({ nullable: true, type: String }) last!: string | null;
  @ApiProperty({ type: RecordSummaryDto, isArray: true }) items!: RecordSummaryDto[];
}

export class TimelineResultDto {
  @ApiProperty({ type: 'object', properties: { id: { type: 'string' } } }) patient!: { id: string };
  @ApiProperty({ type: TimelineGroupDto, isArray: true }) groups!: TimelineGroupDto[];
  @ApiProperty() count!: number;
  @ApiProperty() truncated!: boolean;
  /** Spärr: true when some of the patient's records are hidden from the caller (never how many). */
  @ApiProperty({ type: 'object', properties: { exists: { type: 'boolean' } } }) blocked!: { exists: boolean };
}
