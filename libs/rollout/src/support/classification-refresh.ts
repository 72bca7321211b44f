import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Engagement, SYSTEM_ACTOR } from '@app/identity';
import { SCHEDULED_JOB_OPTIONS, JobHandler, JobHandlerRegistry, MAIL_QUEUE } from '@app/notify';
import { TransactionRunner } from '@app/platform';
import { Queue } from 'bullmq';
import { EndpointClassificationService } from './endpoint-classification.service';

export const CLASSIFICATION_REFRESH_SCHEDULER = 'classification-refresh';
/** Shortly after midnight UTC, when a support end date may have come within reach. */
const EVERY_NIGHT = '5 0 * * *';

/**
 * Time is an input of the classification (support ends on a date) and so of the
 * `unsupported_os_decisions` check: every night each engagement still onboarding is classified
 * as of the business clock's day and its automatic checks re-run, so a check that no longer
 * passes reopens (and one that now passes closes) without anyone touching the inventory.
 */
@Injectable()
export class ClassificationRefreshHandler
  implements JobHandler<'classification-refresh'>, OnApplicationBootstrap
{
  private readonly logger = new Logger(ClassificationRefreshHandler.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly classification: EndpointClassificationService,
    @InjectQueue(MAIL_QUEUE) private readonly queue: Queue,
    registry: JobHandlerRegistry,
  ) {
    registry.register('classification-refresh', this);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      CLASSIFICATION_REFRESH_SCHEDULER,
      { pattern: EVERY_NIGHT, tz: 'UTC' },
      {
        name: 'classification-refresh',
        data: {},
        opts: SCHEDULED_JOB_OPTIONS,
      },
    );
  }

  /** One transaction per engagement: one engagement's failure does not hold back the others. */
  async handle(): Promise<void> {
    const engagements = await this.tx.manager
      .getRepository(Engagement)
      .createQueryBuilder('e')
      .where(
        `EXISTS (SELECT 1 FROM onboarding o WHERE o.engagement_id = e.id AND o.status = 'in_progress')`,
      )
      .orderBy('e.id')
      .getMany();
    let failed = 0;
    for (const engagement of engagements) {
      try {
        await this.tx.run((manager) =>
          this.classification.reclassifyIn(manager, SYSTEM_ACTOR, engagement, false),
        );
      } catch (error: unknown) {
        failed += 1;
        this.logger.warn(
          `Nightly classification of engagement ${engagement.id} failed: ${String(error)}`,
        );
      }
    }
    if (failed > 0)
      throw new Error(`${failed} of ${engagements.length} engagements were not reclassified`);
  }
}
