import { Module } from '@nestjs/common';
import { Clock } from './clock';

/**
 * Provides the one `Clock` of the application. Every module that needs it imports this module,
 * and Nest keeps a single instance however many import it, so `app.get(Clock)` is the clock
 * every service of that application reads.
 */
@Module({
  providers: [Clock],
  exports: [Clock],
})
export class ClockModule {}
