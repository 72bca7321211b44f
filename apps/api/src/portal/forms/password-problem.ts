import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PasswordProblem } from '@app/identity';

/**
 * The first problem the form itself can see in the two new-password fields, as a catalog key;
 * null when they are fine. The policy's deeper checks (common, personal, predictable) come
 * from the server's PasswordPolicy and are worded by `passwordPolicyKey`.
 */
export function passwordProblem(password: string, confirmation: string): string | null {
  if (!password || !confirmation) return 'setPassword.required';
  if (password.length < MIN_PASSWORD_LENGTH) return passwordPolicyKey('too_short');
  if (password.length > MAX_PASSWORD_LENGTH) return passwordPolicyKey('too_long');
  if (password !== confirmation) return 'setPassword.mismatch';
  return null;
}

/** The catalog key that tells a person, in their language, why the policy refused a password. */
export function passwordPolicyKey(problem: PasswordProblem): string {
  return `passwordPolicy.${problem}`;
}
