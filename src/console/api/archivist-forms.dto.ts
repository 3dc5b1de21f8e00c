import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ASSESSMENTS, HOLD_SCOPES, RETENTION_TRIGGERS } from '../../final-archive/final-archive.facade';
import type { HoldScope, RetentionTrigger, SecrecyAssessment } from '../../final-archive/final-archive.facade';
import { DomainError, ErrorKind } from '../../platform/errors/domain.error';
import { ConsoleFormDto, emptyToUndefined, optionalNumber, toArray } from './console-forms.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TYPE_ID = /^[a-z][a-z0-9-]{0,62}$/;

/** A page's query: language, confirmation and where a long list starts. */
export class ListQueryFormDto {
  @IsOptional() @Transform(optionalNumber) @IsInt() @Min(0) @Max(1_000_000)
  offset?: number;

  @IsOptional() @IsString()
  lang?: string;

  @IsOptional() @IsString()
  done?: string;
}

/** A transfer selection as the form sends it: all given conditions hold together. */
export class TransferSelectionFormDto extends ConsoleFormDto {
  @IsOptional() @Transform(emptyToUndefined) @Matches(TYPE_ID)
  informationTypeId?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200)
  sourceSystem?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(DATE)
  from?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(DATE)
  to?: string;

  /** Delivery ids, one per line or separated by commas or spaces. */
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(400_000)
  deliveryIds?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(4000)
  note?: string;

  /** `preview` shows what the selection holds; `propose` submits it. */
  @IsOptional() @IsIn(['preview', 'propose'])
  step?: 'preview' | 'propose';

  @IsOptional() @IsString()
  lang?: string;
}

/** The proposal form, started from a delivery's page. */
export class TransferPrefillQueryDto extends ListQueryFormDto {
  @IsOptional() @IsUUID()
  deliveryIds?: string;
}

export class NoteFormDto extends ConsoleFormDto {
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(4000)
  note?: string;
}

export class RefusalFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 4000)
  note!: string;
}

export class DisposalProposalFormDto extends ConsoleFormDto {
  @Transform(toArray) @IsUUID('all', { each: true })
  aipIds!: string[];

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(4000)
  note?: string;
}

export class ApprovalFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 200)
  decisionReference!: string;
}

export class RetentionRuleFormDto extends ConsoleFormDto {
  @Matches(TYPE_ID)
  informationTypeId!: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200)
  sourceSystem?: string;

  @IsIn(RETENTION_TRIGGERS)
  trigger!: RetentionTrigger;

  @Transform(optionalNumber) @IsInt() @Min(0) @Max(1000)
  years!: number;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(2000)
  description?: string;
}

export class LegalHoldFormDto extends ConsoleFormDto {
  @IsIn(HOLD_SCOPES)
  scope!: HoldScope;

  @IsString() @Length(1, 64)
  target!: string;

  @IsString() @Length(1, 2000)
  reason!: string;
}

export class HoldListQueryFormDto extends ListQueryFormDto {
  @IsOptional() @IsIn(['true', 'false'])
  released?: 'true' | 'false';
}

export class RegisterRequestFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 100)
  reference!: string;

  @IsString() @Length(1, 300)
  requesterName!: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(300)
  requesterContact?: string;

  @Matches(DATE)
  receivedAt!: string;

  @IsString() @Length(1, 4000)
  subject!: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(TYPE_ID)
  informationTypeId?: string;
}

export class RequestSearchFormDto extends ListQueryFormDto {
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(200)
  q?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsIn([...ASSESSMENTS, 'pending'])
  assessment?: SecrecyAssessment | 'pending';

  @IsOptional() @Transform(emptyToUndefined) @Matches(DATE)
  from?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(DATE)
  to?: string;
}

export class AssessmentFormDto extends ConsoleFormDto {
  @IsIn(ASSESSMENTS)
  outcome!: SecrecyAssessment;

  @IsString() @Length(1, 8000)
  reasoning!: string;
}

export class HandOutFormDto extends ConsoleFormDto {
  /** Record ids, one per line or separated by commas or spaces. */
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(400_000)
  recordIds?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(500)
  dip?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(4000)
  note?: string;
}

export class HandOutDipFormDto extends ConsoleFormDto {
  /** Record ids, one per line or separated by commas or spaces. */
  @IsString() @MaxLength(400_000)
  recordIds!: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MaxLength(4000)
  note?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids typed into a text area: split on whitespace, commas and semicolons; each must be a uuid. */
export function idList(text: string | undefined, what: string): string[] {
  const ids = [...new Set((text ?? '').split(/[\s,;]+/).filter((s) => s.length > 0))];
  if (ids.length > 10_000) throw new DomainError('CONSOLE_TOO_MANY_IDS', ErrorKind.Invalid, `At most 10000 ${what}`);
  if (ids.some((id) => !UUID.test(id))) throw new DomainError('CONSOLE_INVALID_ID', ErrorKind.Invalid, `Every one of the ${what} must be a uuid`);
  return ids.map((id) => id.toLowerCase());
}
