import { ApiProperty } from '@nestjs/swagger';
import { ArrayUnique, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';
import { Role, Tier } from '../../platform/context/access';

export class CreateTenantDto {
  /** Slug used in URLs, storage paths and object ids, e.g. `region-orebro`. */
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'id must be 2-63 lower-case letters, digits or dashes' })
  id!: string;

  @IsString() @Length(1, 200)
  name!: string;

  /** Organisationsnummer, NNNNNN-NNNN. */
  @Matches(/^\d{6}-\d{4}$/, { message: 'organisationNumber must look like 232100-0164' })
  organisationNumber!: string;

  @IsString() @Length(1, 200)
  archiveAuthorityName!: string;

  /** Information types to enable; all configured types when omitted. */
  @IsOptional() @IsArray() @ArrayUnique() @IsString({ each: true })
  informationTypes?: string[];
}

export class TenantDto {
  id!: string;
  name!: string;
  organisationNumber!: string;
  archiveAuthorityName!: string;
  informationTypes!: string[];
  createdAt!: string;
}

export class GrantDto {
  @ApiProperty({ enum: Role }) role!: Role;
  tenantId!: string | null;
  informationTypeId!: string | null;
  @ApiProperty({ enum: Tier, nullable: true }) tier!: Tier | null;
}

export class CreateGrantDto {
  @ValidateIf((o: CreateGrantDto) => !o.groupId) @IsUUID()
  userId?: string;

  @ValidateIf((o: CreateGrantDto) => !o.userId) @IsUUID()
  groupId?: string;

  @ApiProperty({ enum: Role }) @IsEnum(Role)
  role!: Role;

  @IsOptional() @IsString()
  informationTypeId?: string;

  @ApiProperty({ enum: Tier, required: false }) @IsOptional() @IsEnum(Tier)
  tier?: Tier;
}

export class UserDto {
  id!: string;
  tenantId!: string | null;
  externalId!: string;
  hsaId!: string | null;
  displayName!: string;
  email!: string | null;
  grants!: GrantDto[];
}

export class MeDto {
  authenticated!: boolean;
  kind?: string;
  id?: string;
  tenantId?: string | null;
  displayName?: string;
  grants!: GrantDto[];
  correlationId!: string;
}

export class GrantRowDto extends GrantDto {
  id!: string;
  userId!: string | null;
  groupId!: string | null;
  createdAt!: string;
}

export class GroupDto {
  id!: string;
  name!: string;
  /** The identity provider's group value that maps to this group. */
  externalName!: string | null;
  grants!: GrantRowDto[];
}

export class SaveGroupDto {
  @IsString() @Length(1, 200)
  name!: string;

  /** The group value the identity provider sends (attribute map `groups`); empty: managed here. */
  @IsOptional() @IsString() @Length(0, 500)
  externalName?: string;
}

export class InformationTypeSwitchDto {
  @IsBoolean()
  enabled!: boolean;
}
