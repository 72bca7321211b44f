import { createHash } from 'node:crypto';

/** One file of the completion bundle, as its manifest lists it. */
export interface BundleFile {
  path: string;
  kind:
    | 'certificate'
    | 'document'
    | 'signed_document'
    | 'evidence'
    | 'plan'
    | 'audit_chain'
    | 'checkpoints'
    | 'keys'
    | 'verifier'
    | 'readme';
  description: string;
  data: Buffer;
}

export const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');
export const json = (value: unknown): Buffer =>
  Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');
export const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');
