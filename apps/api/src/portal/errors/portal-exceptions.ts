/** A portal page needs a signed-in person; the portal's filter answers with a redirect. */
export class SignInRequiredException extends Error {
  constructor() {
    super('Sign in first');
    this.name = 'SignInRequiredException';
  }
}

/** Where a person who must set up a second factor is sent from every other page. */
export const MFA_ENROLMENT_PAGE = '/account/mfa';

/**
 * The signed-in person must set up a second factor before anything else (the MFA policy); the
 * portal's filter redirects to the enrolment page.
 */
export class MfaEnrolmentRequiredException extends Error {
  constructor() {
    super('Set up two-step sign-in first');
    this.name = 'MfaEnrolmentRequiredException';
  }
}

/** A portal form arrived without a valid CSRF token; answered with a 403 page. */
export class CsrfRejectedException extends Error {
  constructor() {
    super('The form did not carry a valid CSRF token');
    this.name = 'CsrfRejectedException';
  }
}
