import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A client address an account signed in from successfully. Failures from other addresses
 * do not slow sign-ins from here (see LoginThrottle), so an attacker cannot lock out the owner.
 */
@Entity()
export class LoginKnownAddress {
  @PrimaryColumn({ type: 'text' })
  email: string;

  /** The throttle's address key (an IPv4 address, or an IPv6 /64 prefix). */
  @PrimaryColumn({ type: 'text' })
  ip: string;

  @Column({ type: 'timestamptz' })
  lastSuccessAt: Date;
}
