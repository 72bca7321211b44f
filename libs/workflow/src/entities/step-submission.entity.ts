import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LocalisedText } from '../templates/template.types';

/**
 * `snapshot`: the server took it from the engagement's configuration (groups, policies, waves,
 * routing, ...); `content`: the proposer wrote it, checked against the step's documented schema.
 */
export type SubmissionKind = 'snapshot' | 'content';

/**
 * A proposed version of what an approval step approves (a design, a plan, a policy). Approvals
 * bind to `contentHash`: for a snapshot, the SHA-256 of its canonical configuration; for
 * written content, of the canonical content. A new version makes older approvals stale.
 */
@Entity()
export class StepSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  onboardingId: string;

  @Column({ type: 'text' })
  stepKey: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'text', default: 'content' })
  kind: SubmissionKind;

  /** A snapshot: `{ configuration, context }` (see PlanSnapshot); written content: the object itself. */
  @Column({ type: 'jsonb' })
  content: Record<string, unknown>;

  @Column({ type: 'text' })
  contentHash: string;

  /** The proposer's note to the approver. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid' })
  submittedBy: string;

  @Column({ type: 'timestamptz' })
  submittedAt: Date;

  /** Set when the configuration changed after this snapshot was taken (it can no longer be approved). */
  @Column({ type: 'timestamptz', nullable: true })
  outdatedAt: Date | null;

  /** What changed, in each language, for the page, the gate and the approver's mail. */
  @Column({ type: 'jsonb', nullable: true })
  outdatedChanges: LocalisedText | null;
}
