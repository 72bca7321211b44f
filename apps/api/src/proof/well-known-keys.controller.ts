import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  PdfSealer,
  PublishedKey,
  PublishedSeal,
  SigningKeys,
  WELL_KNOWN_KEYS_PATH,
} from '@app/proof';
import { Public } from '../auth/public.decorator';

/** The portal's verification keys, current and retired, for anyone to compare with a bundle. */
@ApiTags('audit')
@Controller()
export class WellKnownKeysController {
  constructor(
    private readonly keys: SigningKeys,
    private readonly sealer: PdfSealer,
  ) {}

  @Public()
  @Get(WELL_KNOWN_KEYS_PATH)
  @Header('cache-control', 'public, max-age=300')
  @ApiOperation({
    summary:
      'Every checkpoint signing key (Ed25519, current and retired) and PDF seal certificate (bound to its key by a signature)',
  })
  async keysList(): Promise<{ keys: PublishedKey[]; pdfSeals: PublishedSeal[] }> {
    return { keys: await this.keys.published(), pdfSeals: await this.sealer.published() };
  }
}
