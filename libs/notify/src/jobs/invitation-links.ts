/**
 * Issues a user's set-password link when their welcome mail is sent, so the one-time token is
 * never stored in plain text (not in the outbox, not in the queue): only its hash is kept.
 */
export interface InvitationLinks {
  /** A fresh link for a user who has no password yet; null once they have one. */
  linkFor(userId: string): Promise<string | null>;
}

export const INVITATION_LINKS = Symbol('INVITATION_LINKS');
