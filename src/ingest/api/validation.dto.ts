import { ApiProperty } from '@nestjs/swagger';

export class FindingDto {
  /** Requirement id, e.g. CSIP1, SIP4, CSIPSTR1, FGS3, READ-TRAVERSAL. */
  id!: string;
  @ApiProperty({ enum: ['error', 'warning', 'info'] })
  severity!: 'error' | 'warning' | 'info';
  message!: string;
  location!: string;
}

export class ValidationReportDto {
  valid!: boolean;
  kind!: string;
  version!: string | null;
  findings!: FindingDto[];
}
