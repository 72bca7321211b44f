import { canonicalJson } from '@app/audit/canonical-json';
import type { CheckpointReason } from './entities';

/** What a checkpoint's signature covers: these bytes, exactly (canonical JSON, UTF-8). */
export interface CheckpointMessage {
  type: 'mdr-portal/checkpoint/v1';
  id: string;
  issuedAt: string;
  reason: CheckpointReason;
  treeSize: number;
  root: string;
  keyId: string;
}

export function checkpointMessageBytes(message: CheckpointMessage): Buffer {
  return Buffer.from(canonicalJson(message), 'utf8');
}

/** What binds a PDF seal certificate to a checkpoint key: its fingerprint, signed. */
export function sealBindingBytes(keyId: string, fingerprint: string): Buffer {
  return Buffer.from(
    canonicalJson({
      type: 'mdr-portal/pdf-seal-binding/v1',
      keyId,
      certificateSha256: fingerprint,
    }),
    'utf8',
  );
}
