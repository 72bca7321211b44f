import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The revision of one calendar item (by its UID): the fingerprint of its dates and the SEQUENCE
 * calendars compare, raised when the dates change (a moved plan updates the item in place).
 */
@Entity()
export class CalendarItemRevision {
  @PrimaryColumn({ type: 'text' })
  uid: string;

  @Column({ type: 'text' })
  fingerprint: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'timestamptz' })
  changedAt: Date;
}
