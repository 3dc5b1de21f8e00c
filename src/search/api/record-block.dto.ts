import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

/** The patient id travels in the body, never in the URL: URLs end up in logs. */
export class RecordBlockDto {
  /** The care unit as the records carry it (its HSA-id where the source gives one). */
  @ApiProperty({ example: 'SE2321000164-7381037590' })
  @IsString() @Length(1, 200)
  careUnit!: string;

  /** Omit to block the whole care unit. Any usual written form of a personnummer. */
  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 64)
  patientId?: string;

  /** The issuer OID of an id that is not a personnummer or samordningsnummer. */
  @ApiPropertyOptional()
  @IsOptional() @IsString() @Length(1, 128)
  patientIssuer?: string;

  @ApiProperty()
  @IsString() @Length(1, 1000)
  reason!: string;
}

export class RecordBlockQueryDto {
  @IsOptional() @IsString() @Length(1, 200)
  careUnit?: string;
}

/** Listing by patient: the id in the body, not in the query string. */
export class RecordBlockSearchDto {
  @IsOptional() @IsString() @Length(1, 200)
  careUnit?: string;

  @IsOptional() @IsString() @Length(1, 64)
  patientId?: string;
}

export class RecordBlockViewDto {
  @ApiProperty() id!: string;
  @ApiProperty({ nullable: true, type: 'object', properties: { id: { type: 'string' }, issuer: { type: 'string', nullable: true } } })
  patient!: { id: string; issuer: string | null } | null;
  @ApiProperty() careUnit!: string;
  @ApiProperty() reason!: string;
  @ApiProperty() setBy!: string;
  @ApiProperty({ nullable: true, type: String }) setByName!: string | null;
  @ApiProperty() setAt!: string;
}
