import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export class AipListQueryDto {
  @IsOptional() @IsString() @MaxLength(100)
  informationTypeId?: string;

  @IsOptional() @IsString() @MaxLength(1000)
  sipObjid?: string;

  @IsOptional() @IsUUID()
  deliveryId?: string;

  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500)
  limit?: number;

  @IsOptional() @Type(() => Number) @IsInt() @Min(0)
  offset?: number;
}

export class AipDto {
  id!: string;
  /** Object id in preservation storage. */
  objectId!: string;
  deliveryId!: string;
  sipObjid!: string;
  informationTypeId!: string;
  sourceSystem!: string;
  @ApiProperty({ enum: ['intermediate', 'final'] })
  tier!: 'intermediate' | 'final';
  version!: number;
  storedVersion!: string;
  fileCount!: number;
  totalBytes!: number;
  recordCount!: number;
  status!: string;
  createdAt!: string;
}

export class AipListDto {
  items!: AipDto[];
  total!: number;
}
