import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, Clock } from '@app/platform';
import { sign } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditSigningKey } from './entities';
import { loadSigningKey, SigningKeyMaterial } from './key-material';

/** A verification key as published (well-known URL, bundles, certificates). */
export interface PublishedKey {
  keyId: string;
  algorithm: 'Ed25519';
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  createdAt: string;
  retiredAt: string | null;
}

function publishedKey(key: AuditSigningKey): PublishedKey {
  return {
    keyId: key.keyId,
    algorithm: key.algorithm,
    publicKey: key.publicKey,
    createdAt: key.createdAt.toISOString(),
    retiredAt: key.retiredAt ? key.retiredAt.toISOString() : null,
  };
}

/**
 * Registers the public half of a key (once) and retires every key registered before it: a
 * newer key retires older ones, never the other way round, so processes of the old and new
 * key running side by side during a roll-out do not undo each other.
 */
export async function registerSigningKey(
  manager: EntityManager,
  key: SigningKeyMaterial,
  now: Date,
): Promise<void> {
  await manager.query(
    `INSERT INTO audit_signing_key (key_id, algorithm, public_key, created_at) VALUES ($1, 'Ed25519', $2, $3) ON CONFLICT (key_id) DO NOTHING`,
    [key.keyId, key.publicRaw.toString('base64'), now],
  );
  await manager.query(
    `UPDATE audit_signing_key SET retired_at = $2
      WHERE retired_at IS NULL AND key_id <> $1 AND created_at < (SELECT created_at FROM audit_signing_key WHERE key_id = $1)`,
    [key.keyId, now],
  );
}

/** The portal's checkpoint key: loaded (or made) at boot, its public half registered. */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private readonly logger = new Logger(SigningKeys.name);
  private key: SigningKeyMaterial | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async onModuleInit(): Promise<void> {
    const key = await loadSigningKey(this.config);
    await registerSigningKey(this.dataSource.manager, key, this.clock.now());
    this.key = key;
    if (key.source === 'SESSION_SECRET')
      this.logger.warn(
        'PROOF_SIGNING_KEY is unset: checkpoints are signed with a key derived from SESSION_SECRET',
      );
    this.logger.log(`Checkpoints are signed with key ${key.keyId} (from ${key.source})`);
  }

  get current(): SigningKeyMaterial {
    if (!this.key) throw new Error('The signing key is not loaded yet');
    return this.key;
  }

  sign(message: Buffer): string {
    return sign(null, message, this.current.privateKey).toString('base64');
  }

  /** Every key ever registered, newest first: what verifiers accept. */
  async published(manager: EntityManager = this.dataSource.manager): Promise<PublishedKey[]> {
    const keys = await manager
      .getRepository(AuditSigningKey)
      .find({ order: { createdAt: 'DESC', keyId: 'ASC' } });
    return keys.map(publishedKey);
  }
}
