import { Global, Module } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module';
import { RateLimitGuard } from './rate-limited.decorator';
import { RateLimiter } from './rate-limiter';

/** The one rate limiter of the API (PostgreSQL-backed), global so any controller can use `@RateLimited`. */
@Global()
@Module({
  imports: [ClockModule],
  providers: [RateLimiter, RateLimitGuard],
  exports: [RateLimiter, RateLimitGuard],
})
export class RateLimitModule {}
