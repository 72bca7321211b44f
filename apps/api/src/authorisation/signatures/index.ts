import { SignatureRequestsController } from './signature-requests.controller';

export const SIGNATURE_CONTROLLERS = [SignatureRequestsController];
