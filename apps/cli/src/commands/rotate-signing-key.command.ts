import { AppConfig, Clock } from '@app/platform';
import {
  loadSigningKey,
  newSigningKeySeed,
  registerSigningKey,
  rotateEmbeddedKeyFile,
} from '@app/proof';
import { DataSource } from 'typeorm';

/**
 * Replaces the checkpoint signing key; the old public key stays published for verification.
 * Embedded mode (portal stopped): the key file in DATA_DIR is set aside and a new one made and
 * registered. Server mode: prints a new PROOF_SIGNING_KEY; it is registered, and the old one
 * retired, when the processes start with it.
 */
export async function rotateSigningKeyCommand(
  dataSource: DataSource,
  _args: string[],
  config: AppConfig,
): Promise<number> {
  if (config.mode === 'server' || config.proofSigningKey !== null) {
    console.log(
      'Set this as PROOF_SIGNING_KEY (a secret) and restart every process; the old key stays published:',
    );
    console.log(newSigningKeySeed());
    return 0;
  }
  const old = await loadSigningKey(config);
  await rotateEmbeddedKeyFile(config.dataDir, old.keyId);
  const fresh = await loadSigningKey(config);
  await registerSigningKey(dataSource.manager, fresh, new Clock(config).now());
  console.log(`signing key rotated: ${old.keyId} retired, ${fresh.keyId} signs from now on`);
  return 0;
}
