import { ConfirmationChannel, DomainConfirmation } from '../entities/domain-confirmation.entity';

export type RecipientState =
  'queued' | 'sent' | 'confirmed' | 'declined' | 'expired' | 'superseded';

export interface ConfirmationView {
  id: string;
  recipient: string;
  state: RecipientState;
  confirmedVia: ConfirmationChannel | null;
  referenceCode: string;
  language: string;
  contentSha256: string;
  replacesId: string | null;
  requestedAt: string;
  mailedAt: string | null;
  expiresAt: string | null;
  decidedAt: string | null;
}

/** The state a person reads: a waiting request is queued until mailed and expired after its link. */
function recipientState(
  c: Pick<DomainConfirmation, 'status' | 'mailedAt' | 'expiresAt'>,
  now: Date,
): RecipientState {
  if (c.status !== 'sent') return c.status;
  if (c.mailedAt === null) return 'queued';
  if (c.expiresAt !== null && c.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'sent';
}

export function confirmationView(c: DomainConfirmation, now: Date): ConfirmationView {
  return {
    id: c.id,
    recipient: c.recipient,
    state: recipientState(c, now),
    confirmedVia: c.confirmedVia,
    referenceCode: c.referenceCode,
    language: c.language,
    contentSha256: c.contentSha256,
    replacesId: c.replacesId,
    requestedAt: c.createdAt.toISOString(),
    mailedAt: c.mailedAt?.toISOString() ?? null,
    expiresAt: c.expiresAt?.toISOString() ?? null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
  };
}
