import { ApiProperty } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, IsUrl, Length, Max, Min, ValidateIf } from 'class-validator';
import { ApiScope } from '../../platform/context';

export class DemoLoginDto {
  /** Tenant id; empty for central operations accounts. */
  @IsOptional() @IsString()
  tenant?: string;

  @IsString() @Length(1, 200)
  user!: string;

  /** The care unit (HSA-id) to act in, as a person picks an assignment at login; default: the demo user's own. */
  @IsOptional() @IsString() @Length(1, 200)
  careUnit?: string;

  @IsOptional() @IsString()
  _csrf?: string;
}

export class CreateApiClientDto {
  @IsString() @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: ApiScope, isArray: true })
  @IsArray() @ArrayNotEmpty() @IsIn(Object.values(ApiScope), { each: true })
  scopes!: ApiScope[];

  @IsArray() @ArrayNotEmpty() @IsString({ each: true })
  informationTypes!: string[];

  @IsOptional() @IsInt() @Min(1) @Max(3650)
  expiresInDays?: number;
}

export class RotateApiClientDto {
  @IsOptional() @IsInt() @Min(1) @Max(3650)
  expiresInDays?: number;
}

export class ApiClientDto {
  id!: string;
  tenantId!: string;
  name!: string;
  scopes!: string[];
  informationTypes!: string[];
  expiresAt!: string;
  revokedAt!: string | null;
  previousValidUntil!: string | null;
  createdAt!: string;
  lastUsedAt!: string | null;
}

export class ApiClientWithTokenDto {
  client!: ApiClientDto;
  /** Shown once; only a hash is stored. */
  token!: string;
}

export class AttributeMapDto {
  @IsString() userId!: string;
  @IsOptional() @IsString() displayName?: string;
  @IsOptional() @IsString() email?: string;
  @IsOptional() @IsString() hsaId?: string;
  @IsOptional() @IsString() careUnitHsaId?: string;
  @IsOptional() @IsString() careUnitName?: string;
  @IsOptional() @IsString() groups?: string;
}

/** Either the IdP's metadata (XML or URL), or its entity id, SSO URL and certificates. */
export class IdentityProviderDto {
  @IsOptional() @IsString() @Length(1, 2_000_000)
  metadataXml?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  metadataUrl?: string;

  @ValidateIf((o: IdentityProviderDto) => !o.metadataXml && !o.metadataUrl) @IsString()
  entityId?: string;

  @ValidateIf((o: IdentityProviderDto) => !o.metadataXml && !o.metadataUrl) @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  ssoUrl?: string;

  @IsOptional() @IsUrl({ require_tld: false, protocols: ['https', 'http'] })
  sloUrl?: string;

  @ValidateIf((o: IdentityProviderDto) => !o.metadataXml && !o.metadataUrl) @IsArray() @ArrayNotEmpty() @IsString({ each: true })
  certificates?: string[];

  @IsOptional() @IsObject()
  attributeMap?: AttributeMapDto;

  @IsOptional()
  wantEncryptedAssertions?: boolean;
}

export class SessionDto {
  authenticated!: boolean;
  csrfToken?: string;
  expiresAt?: string;
}
