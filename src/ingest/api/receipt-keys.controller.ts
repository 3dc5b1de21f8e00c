import { Controller, Get, Header } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../../platform/context';
import { ReceiptService } from '../application/receipt.service';

@ApiTags('ingest')
@Controller('api/v1/receipts')
export class ReceiptKeysController {
  constructor(private readonly receipts: ReceiptService) {}

  /** The public key(s) receipts are signed with (JWKS, RFC 7517), for producers to verify receipts. */
  @Get('jwks.json')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  jwks() {
    return this.receipts.jwks();
  }
}
