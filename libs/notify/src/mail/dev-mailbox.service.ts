import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DevMailboxMessage } from './dev-mailbox-message.entity';

export const DEV_MAILBOX_MAX_LIMIT = 200;

/** Reads the dev mailbox for the portal page and `GET /api/dev/mailbox`. */
@Injectable()
export class DevMailboxService {
  constructor(
    @InjectRepository(DevMailboxMessage) private readonly messages: Repository<DevMailboxMessage>,
  ) {}

  /** Newest first; `limit` is clamped to 1..200. */
  list(limit = 50): Promise<DevMailboxMessage[]> {
    const take = Math.min(Math.max(Math.trunc(limit) || 1, 1), DEV_MAILBOX_MAX_LIMIT);
    return this.messages.find({ order: { createdAt: 'DESC', id: 'DESC' }, take });
  }
}
