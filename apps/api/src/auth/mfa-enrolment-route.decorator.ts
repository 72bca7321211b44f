import { SetMetadata } from '@nestjs/common';

export const MFA_ENROLMENT_ROUTE = 'mfaEnrolmentRoute';

/**
 * A route a session that must first set up a second factor may still use (setting it up, who am
 * I, signing out). Every other route answers such a session 403 MFA_ENROLMENT_REQUIRED.
 */
export const MfaEnrolmentRoute = (): MethodDecorator & ClassDecorator =>
  SetMetadata(MFA_ENROLMENT_ROUTE, true);
