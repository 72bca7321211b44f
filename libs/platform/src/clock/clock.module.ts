import { Global, Module } from '@nestjs/common';
import { Clock } from './clock';

/**
 * Provides the one `Clock` of the application. Global, because every lib decides on dates; Nest
 * keeps a single instance, so `app.get(Clock)` is the clock every service of that application
 * reads.
 */
@Global()
@Module({
  providers: [Clock],
  exports: [Clock],
})
export class ClockModule {}
