import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** An incident's post-incident review, written by the provider's staff for both parties. */
@Entity()
export class IncidentReview {
  @PrimaryColumn({ type: 'uuid' })
  incidentId: string;

  @Column({ type: 'text' })
  whatHappened: string;

  @Column({ type: 'text' })
  rootCause: string;

  @Column({ type: 'text' })
  lessons: string;

  @Column({ type: 'uuid' })
  recordedBy: string;

  @Column({ type: 'timestamptz' })
  recordedAt: Date;
}

/** One action item of a review: what is to be done, by whom of the engagement, by which day. */
@Entity()
export class IncidentReviewItem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  incidentId: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'uuid' })
  ownerUserId: string;

  /** A calendar day, YYYY-MM-DD. */
  @Column({ type: 'date' })
  dueDate: string;
}
