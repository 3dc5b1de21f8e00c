import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayNotEmpty, IsArray, IsOptional, IsString, Length } from 'class-validator';

export class CreateDipDto {
  /** Archive record ids (as in search results); at most 10,000 per DIP. */
  @IsArray() @ArrayNotEmpty() @IsString({ each: true }) @Length(1, 64, { each: true })
  recordIds!: string[];

  /** Why the records are handed out (e.g. "utlämnande av allmän handling"); written to PREMIS and the log. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500)
  purpose?: string;

  /** The final archive's disclosure request this DIP answers. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100)
  disclosureRequestId?: string;
}
