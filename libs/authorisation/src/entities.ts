import { SignatureEvent } from './signatures/signature-event.entity';
import { SignatureRequest } from './signatures/signature-request.entity';

export { SignatureEvent, SignatureRequest };

/** The signature feature's tables (composed into the schema in migrations/schema.ts). */
export const SIGNATURE_ENTITIES = [SignatureRequest, SignatureEvent];
