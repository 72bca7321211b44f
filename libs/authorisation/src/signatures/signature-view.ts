import type { SignatureEvent } from './signature-event.entity';
import type { SignatureRequest } from './signature-request.entity';
import type { RequestStatus } from './signature-vocabulary';

/** A pending request past its expiry is expired; every other status is as stored. */
export function statusOf(request: SignatureRequest, now: Date): RequestStatus {
  return request.status === 'pending' && request.expiresAt.getTime() <= now.getTime()
    ? 'expired'
    : request.status;
}

export interface SignatureEventView {
  seq: number;
  kind: string;
  at: string;
  actorName: string | null;
  actorEmail: string | null;
  ip: string | null;
  userAgent: string | null;
  authMethod: string | null;
  typedName: string | null;
  documentSha256: string;
  detail: string | null;
}

export interface SignatureRequestView {
  id: string;
  onboardingId: string;
  stepKey: string;
  status: RequestStatus;
  documentKind: string;
  documentTitle: string;
  documentSha256: string;
  agreementVersion: number | null;
  language: string;
  signer: { userId: string | null; name: string; email: string; external: boolean };
  requestedBy: string;
  createdAt: string;
  expiresAt: string;
  typedName: string | null;
  signedAt: string | null;
  declineReason: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  invalidatedAt: string | null;
  events?: SignatureEventView[];
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** One event of a signing, as the API shows it and the completion bundle records it. */
export function eventView(e: SignatureEvent): SignatureEventView {
  return {
    seq: e.seq,
    kind: e.kind,
    at: e.at.toISOString(),
    actorName: e.actorName,
    actorEmail: e.actorEmail,
    ip: e.ip,
    userAgent: e.userAgent,
    authMethod: e.authMethod,
    typedName: e.typedName,
    documentSha256: e.documentSha256,
    detail: e.detail,
  };
}

export function requestView(
  r: SignatureRequest,
  now: Date,
  agreementVersion: number | null,
  events?: SignatureEvent[],
): SignatureRequestView {
  return {
    id: r.id,
    onboardingId: r.onboardingId,
    stepKey: r.stepKey,
    status: statusOf(r, now),
    documentKind: r.documentKind,
    documentTitle: r.documentTitle,
    documentSha256: r.documentSha256,
    agreementVersion,
    language: r.language,
    signer: {
      userId: r.signerUserId,
      name: r.signerName,
      email: r.signerEmail,
      external: r.signerUserId === null,
    },
    requestedBy: r.requestedBy,
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    typedName: r.typedName,
    signedAt: iso(r.signedAt),
    declineReason: r.declineReason,
    revokedAt: iso(r.revokedAt),
    revokeReason: r.revokeReason,
    invalidatedAt: iso(r.invalidatedAt),
    ...(events ? { events: events.map(eventView) } : {}),
  };
}
