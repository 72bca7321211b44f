import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuthMethod, SignatureEventKind } from './signature-vocabulary';

/** One step of a request's audit trail, as its certificate of completion lists it. */
@Entity()
export class SignatureEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  requestId: string;

  /** 1, 2, 3… per request. */
  @Column({ type: 'int' })
  seq: number;

  @Column({ type: 'text' })
  kind: SignatureEventKind;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ type: 'text', nullable: true })
  actorName: string | null;

  @Column({ type: 'text', nullable: true })
  actorEmail: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'text', nullable: true })
  authMethod: AuthMethod | null;

  @Column({ type: 'text', nullable: true })
  typedName: string | null;

  @Column({ type: 'text' })
  documentSha256: string;

  /** A reason (declined, revoked, invalidated) or a note. */
  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
