import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class CreateDeliveryDto {
  /** Information type of the records, e.g. "patient-record". */
  @IsString() @Matches(/^[a-z0-9][a-z0-9-]{0,62}$/)
  informationType!: string;

  /** The system the data comes from, e.g. "Cosmic" or "Melior"; picks the mapping to records. */
  @IsString() @MaxLength(200) @Matches(/^\S(.*\S)?$/, { message: 'sourceSystem must not be blank or padded' })
  sourceSystem!: string;

  /** Reference to the submission agreement (leveransöverenskommelse). */
  @IsOptional() @IsString() @MaxLength(500)
  submissionAgreement?: string;

  /** Size of the package file in bytes; the upload must announce the same Upload-Length. */
  @IsOptional() @IsInt() @Min(1)
  expectedSize?: number;

  /** Checksum of the package file, "sha256:<hex>" (also sha512, md5); checked before unpacking. */
  @IsOptional() @IsString() @MaxLength(140)
  expectedChecksum?: string;
}

export class DeliveryFindingDto {
  stage!: string;
  /** Requirement id (CSIP58, FGS13, …) or ingest code (FORMAT-POLICY, INGEST-DUPLICATE, …). */
  code!: string;
  @ApiProperty({ enum: ['error', 'warning', 'info'] })
  severity!: 'error' | 'warning' | 'info';
  message!: string;
  /** File inside the package (and XPath/line), or empty for the package as a whole. */
  location!: string;
  @ApiProperty({ type: String, nullable: true })
  puid!: string | null;
}

export class DeliveryUploadDto {
  /** tus 1.0 endpoint: POST with Upload-Length creates the upload, HEAD gives the offset, PATCH appends. */
  url!: string;
  @ApiProperty({ type: Number, nullable: true })
  length!: number | null;
  receivedBytes!: number;
}

export class DeliveryProgressDto {
  stagesDone!: number;
  stagesTotal!: number;
  @ApiProperty({ type: Number, nullable: true })
  uploadPercent!: number | null;
}

export class DeliveryLinksDto {
  self!: string;
  upload!: string;
  events!: string;
  receipt!: string;
}

export class DeliveryDto {
  id!: string;
  @ApiProperty({ enum: ['awaiting-upload', 'unpacking', 'validating', 'identifying', 'extracting', 'building', 'storing', 'cataloguing', 'cleaning', 'accepted', 'rejected', 'failed'] })
  stage!: string;
  @ApiProperty({ enum: ['accepted', 'rejected', 'failed'], nullable: true })
  outcome!: 'accepted' | 'rejected' | 'failed' | null;
  informationTypeId!: string;
  sourceSystem!: string;
  @ApiProperty({ type: String, nullable: true })
  submissionAgreement!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  expectedSize!: number | null;
  @ApiProperty({ type: String, nullable: true })
  expectedChecksum!: string | null;
  upload!: DeliveryUploadDto;
  progress!: DeliveryProgressDto;
  @ApiProperty({ type: String, nullable: true })
  sipObjid!: string | null;
  @ApiProperty({ type: String, nullable: true })
  aipId!: string | null;
  @ApiProperty({ type: Number, nullable: true })
  aipVersion!: number | null;
  findings!: DeliveryFindingDto[];
  createdAt!: string;
  updatedAt!: string;
  @ApiProperty({ type: String, nullable: true })
  completedAt!: string | null;
  links!: DeliveryLinksDto;
}

export class DeliveryListDto {
  items!: DeliveryDto[];
  total!: number;
}

export class DeliveryListQueryDto {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class IngestPolicyDto {
  @ApiProperty({ enum: ['reject', 'new-version'] })
  duplicateObjid!: 'reject' | 'new-version';
  maxPackageBytes!: number;
  stagingQuotaBytes!: number;
  quarantineDays!: number;
  maxConcurrentDeliveries!: number;
}

/** Fields left out keep their value; null goes back to the installation default. */
export class UpdateIngestPolicyDto {
  @IsOptional() @IsIn(['reject', 'new-version'])
  duplicateObjid?: 'reject' | 'new-version';

  @IsOptional() @IsInt() @Min(1024)
  maxPackageBytes?: number | null;

  @IsOptional() @IsInt() @Min(1024)
  stagingQuotaBytes?: number | null;

  @IsOptional() @IsInt() @Min(0) @Max(3650)
  quarantineDays?: number | null;

  @IsOptional() @IsInt() @Min(1) @Max(64)
  maxConcurrentDeliveries?: number | null;
}
