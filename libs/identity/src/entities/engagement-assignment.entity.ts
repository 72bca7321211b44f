import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** An account manager assigned to an engagement sees it and nothing else of that customer. */
@Entity()
export class EngagementAssignment {
  @PrimaryColumn({ type: 'uuid' })
  engagementId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
