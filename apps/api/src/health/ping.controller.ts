import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';

/** A constant answer through the whole HTTP stack, the baseline for benchmarks. */
@ApiTags('platform')
@Controller('api/ping')
export class PingController {
  @Public()
  @Get()
  ping(): { ok: true } {
    return { ok: true };
  }
}
