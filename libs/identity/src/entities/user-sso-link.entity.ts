import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A person linked to their subject (`sub`) at their organisation's provider, at their first sign-in through it. */
@Entity('user_sso_link')
export class UserSsoLink {
  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'timestamptz' })
  linkedAt: Date;
}
