/** The one-time token purpose of "forgot password" links. */
export const PASSWORD_RESET_PURPOSE = 'password-reset';

/** Short-lived: long enough to read the mail, short enough that an old mailbox is no key. */
export const PASSWORD_RESET_TTL_SECONDS = 30 * 60;
