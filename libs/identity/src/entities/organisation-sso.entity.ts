import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An organisation's OpenID Connect provider, through which its people sign in. */
@Entity('organisation_sso')
export class OrganisationSso {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  /** The provider's issuer URL (its discovery document is `<issuer>/.well-known/openid-configuration`). */
  @Column({ type: 'text' })
  issuer: string;

  @Column({ type: 'text' })
  clientId: string;

  /** Sealed with SecretCipher bound to the organisation id (OidcClientSecrets); never answered. */
  @Column({ type: 'text', select: false })
  clientSecretSealed: string;

  /** The organisation's people sign in through the provider only: no password, no password reset. */
  @Column({ type: 'boolean', default: false })
  passwordSignInDisabled: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
