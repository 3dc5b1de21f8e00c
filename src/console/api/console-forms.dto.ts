import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { ApiScope, Role, Tier } from '../../platform/context';

/** HTML forms send one value as a string and several as an array; checkboxes may send none. */
export const toArray = ({ value }: { value: unknown }) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);
/** Empty form fields mean "not given". */
export const emptyToUndefined = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

export const optionalNumber = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** Every console form carries the session's CSRF token (checked by the auth module's guard). */
export class ConsoleFormDto {
  @IsOptional() @IsString()
  _csrf?: string;
}

export class GrantFormDto extends ConsoleFormDto {
  /** `user:<uuid>` or `group:<uuid>`. */
  @Matches(/^(user|group):[0-9a-f-]{36}$/)
  subject!: string;

  @IsIn(Object.values(Role))
  role!: Role;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 63)
  informationTypeId?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsIn(Object.values(Tier))
  tier?: Tier;

  /** The page to go back to. */
  @IsOptional() @IsIn(['/admin/users', '/admin/groups'])
  back?: string;
}

export class GroupFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 200)
  name!: string;

  @IsOptional() @IsString() @Length(0, 500)
  externalName?: string;
}

export class ApiClientFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 100)
  name!: string;

  @Transform(toArray) @IsIn(Object.values(ApiScope), { each: true })
  scopes!: string[];

  @Transform(toArray) @IsString({ each: true })
  informationTypes!: string[];

  @IsOptional() @Transform(optionalNumber) @IsInt() @Min(1) @Max(3650)
  expiresInDays?: number;
}

export class IdentityProviderFormDto extends ConsoleFormDto {
  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 2_000_000)
  metadataXml?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 2000)
  metadataUrl?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 2000)
  entityId?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 2000)
  ssoUrl?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 2000)
  sloUrl?: string;

  /** One PEM or base64 certificate; blank keeps metadata's. */
  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 100_000)
  certificate?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200)
  attrUserId?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200)
  attrDisplayName?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200)
  attrEmail?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200)
  attrHsaId?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @Length(1, 200)
  attrGroups?: string;

  @IsOptional() @IsIn(['on'])
  wantEncryptedAssertions?: string;
}

const DECISIONS = ['accept', 'accept-with-warning', 'reject'];

export class FormatPolicyFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 200)
  name!: string;

  @IsIn(DECISIONS)
  defaultDecision!: string;

  /** One `PUID decision` per line, e.g. `fmt/95 accept`. */
  @IsString() @Length(0, 200_000)
  formats!: string;
}

export class PatientReviewFormDto extends ConsoleFormDto {
  @Matches(/^\d{6}(\d{2})?[-+]?\d{4}$/)
  patientId!: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;

  @IsOptional() @IsIn(['html', 'csv', 'pdf'])
  format?: string;
}

export class PeriodQueryDto {
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;

  @IsOptional() @IsString()
  lang?: string;

  @IsOptional() @IsString()
  done?: string;
}

export class UserReviewQueryDto extends PeriodQueryDto {
  /** The id the access log holds for the actor (a user's or an API client's id). */
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[\w.:@-]{1,200}$/)
  userId?: string;
}

export class SampleFormDto extends ConsoleFormDto {
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to!: string;

  @Type(() => Number) @IsInt() @Min(1) @Max(500)
  size!: number;
}

export class SampleNoteFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 2000)
  note!: string;
}

export class SignOffFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 4000)
  conclusion!: string;
}

export class TenantFormDto extends ConsoleFormDto {
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/)
  id!: string;

  @IsString() @Length(1, 200)
  name!: string;

  @Matches(/^\d{6}-\d{4}$/)
  organisationNumber!: string;

  @IsString() @Length(1, 200)
  archiveAuthorityName!: string;

  @Transform(toArray) @IsString({ each: true })
  informationTypes!: string[];
}

export class InformationTypeSwitchFormDto extends ConsoleFormDto {
  @IsIn(['on', 'off'])
  enabled!: string;
}

/** A patient's timeline: the id as the person typed it (any usual written form; the search module normalises it). */
export class TimelineFormDto extends ConsoleFormDto {
  @IsString() @Length(1, 64)
  patientId!: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  from?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{4}-\d{2}-\d{2}$/)
  to?: string;
}
