import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsObject, IsString, Length } from 'class-validator';
import type { PolicyDecision } from '@samarkiv/pronom';

const DECISIONS: PolicyDecision[] = ['accept', 'accept-with-warning', 'reject'];

/** The PUID keys and their decisions are checked by the policy parser, which names every problem. */
export class FormatPolicyDto {
  @IsString() @Length(1, 200)
  name!: string;

  @ApiProperty({ enum: DECISIONS })
  @IsIn(DECISIONS)
  defaultDecision!: PolicyDecision;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string', enum: DECISIONS }, example: { 'fmt/95': 'accept', 'fmt/276': 'accept-with-warning' } })
  @IsObject()
  formats!: Record<string, PolicyDecision>;
}

export class FormatPolicyViewDto {
  informationTypeId!: string;
  @ApiProperty({ enum: ['default', 'tenant'] })
  source!: 'default' | 'tenant';
  policy!: FormatPolicyDto;
  updatedAt!: string | null;
  updatedBy!: string | null;
}
