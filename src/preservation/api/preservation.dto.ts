import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';

const LOCATION_NAME = /^[a-z][a-z0-9-]{0,30}$/;

export class AuditRunQuery {
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;

  @IsOptional() @Matches(LOCATION_NAME)
  location?: string;
}

export class SetStoragePolicyDto {
  /** Locations holding a copy of every object, in write order; null returns to the default (all configured locations). */
  @ApiProperty({ type: [String], nullable: true, example: ['primary', 'offsite'] })
  @ValidateIf((o: SetStoragePolicyDto) => o.locations !== null)
  @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Matches(LOCATION_NAME, { each: true })
  locations!: string[] | null;
}

export class StoragePolicyDto {
  tenantId!: string;
  @ApiProperty({ type: [String] })
  locations!: string[];
  isDefault!: boolean;
  @ApiProperty({ type: String, nullable: true })
  updatedAt!: string | null;
  @ApiProperty({ type: String, nullable: true })
  updatedBy!: string | null;
}

export class StorageLocationDto {
  name!: string;
  /** Where it is, without credentials. */
  description!: string;
}

export class AuditFindingDto {
  tenantId!: string;
  objectId!: string;
  location!: string;
  @ApiProperty({ type: [String], example: ['changed'] })
  kinds!: string[];
  files!: number;
  @ApiProperty({ enum: ['repaired', 'damaged', 'unrepaired'] })
  outcome!: string;
  foundAt!: Date;
}

/** One audit run of one location: counters and the objects that failed (ids and finding kinds only, no content). */
export class AuditRunDto {
  id!: string;
  location!: string;
  @ApiProperty({ enum: ['schedule', 'manual'] })
  trigger!: string;
  @ApiProperty({ enum: ['running', 'completed', 'interrupted', 'failed'] })
  status!: string;
  startedAt!: Date;
  @ApiProperty({ type: Date, nullable: true })
  finishedAt!: Date | null;
  @ApiProperty({ type: String, nullable: true })
  error!: string | null;
  objectsChecked!: number;
  filesChecked!: number;
  bytesChecked!: number;
  objectsFailed!: number;
  objectsRepaired!: number;
  objectsDamaged!: number;
  @ApiProperty({ type: [AuditFindingDto] })
  findings!: AuditFindingDto[];
}
