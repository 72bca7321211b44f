import { Injectable } from '@nestjs/common';
import { DomainPermissionEmailPayload, JobHandler, JobHandlerRegistry } from '@app/notify';
import { DomainPermissionSender } from './domain-permission-sender';

/** The worker's handler of `domain-permission-email` jobs. */
@Injectable()
export class DomainPermissionEmailHandler implements JobHandler<'domain-permission-email'> {
  constructor(
    private readonly sender: DomainPermissionSender,
    registry: JobHandlerRegistry,
  ) {
    registry.register('domain-permission-email', this);
  }

  handle(outboxId: string, payload: DomainPermissionEmailPayload): Promise<void> {
    return this.sender.send(outboxId, payload.confirmationId);
  }
}
