import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DevMailboxMessage } from './dev-mailbox-message.entity';

const DEV_MAILBOX_MAX_LIMIT = 200;

/** Reads the dev mailbox for the portal page and `GET /api/dev/mailbox`. */
@Injectable()
export class DevMailboxService {
  constructor(
    @InjectRepository(DevMailboxMessage) private readonly messages: Repository<DevMailboxMessage>,
  ) {}

  /**
   * Newest first; `limit` is clamped to 1..200. `recipient`: only mail to that address (what a
   * person may read: their own); null: every message (the platform admin's view).
   */
  list(limit: number, recipient: string | null): Promise<DevMailboxMessage[]> {
    const take = Math.min(Math.max(Math.trunc(limit) || 1, 1), DEV_MAILBOX_MAX_LIMIT);
    const query = this.messages
      .createQueryBuilder('m')
      .orderBy('m.created_at', 'DESC')
      .addOrderBy('m.id', 'DESC')
      .take(take);
    if (recipient !== null)
      query.where('lower(m.to) = :recipient', { recipient: recipient.trim().toLowerCase() });
    return query.getMany();
  }
}
