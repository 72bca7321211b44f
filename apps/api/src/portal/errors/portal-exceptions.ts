/** A portal page needs a signed-in person; the portal's filter answers with a redirect. */
export class SignInRequiredException extends Error {
  constructor() {
    super('Sign in first');
    this.name = 'SignInRequiredException';
  }
}

/** A portal form arrived without a valid CSRF token; answered with a 403 page. */
export class CsrfRejectedException extends Error {
  constructor() {
    super('The form did not carry a valid CSRF token');
    this.name = 'CsrfRejectedException';
  }
}
