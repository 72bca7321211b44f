import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Mail kept in the database instead of sent, in embedded mode. Table `dev_mailbox_message`. */
@Entity()
export class DevMailboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('text')
  to: string;

  @Column('text')
  subject: string;

  @Column('text')
  html: string;

  @Column('text')
  text: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}
