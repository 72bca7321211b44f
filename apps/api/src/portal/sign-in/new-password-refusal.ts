import { PasswordRefusedException } from '@app/identity';
import { DomainException } from '@app/platform';
import { passwordPolicyKey } from '../forms/password-problem';
import type { RefusalReader } from '../kit/submit-form';

/**
 * How a form that sets a new password through an emailed link is refused: the password rules'
 * key (400), the link that no longer works (`null`: the link's own page, 400) and, where
 * `passwordsOff` is given, an organisation that signs in only through its provider (403).
 */
export function newPasswordRefusal(options: {
  passwordsOff: boolean;
}): RefusalReader<string | null> {
  return (error) => {
    if (error instanceof PasswordRefusedException)
      return { problem: passwordPolicyKey(error.problem), status: 400 };
    if (!(error instanceof DomainException)) return null;
    if (error.code === 'LINK_INVALID') return { problem: null, status: 400 };
    if (options.passwordsOff && error.code === 'PASSWORD_SIGN_IN_DISABLED')
      return { problem: 'signInSso.passwordsOff', status: 403 };
    return null;
  };
}
