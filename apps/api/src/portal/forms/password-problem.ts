import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './set-password.form';

/** The first problem with the two password fields, as a catalog key; null when they are fine. */
export function passwordProblem(password: string, confirmation: string): string | null {
  if (!password || !confirmation) return 'setPassword.required';
  if (password.length < MIN_PASSWORD_LENGTH) return 'setPassword.tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'setPassword.tooLong';
  if (password !== confirmation) return 'setPassword.mismatch';
  return null;
}
