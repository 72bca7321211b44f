import { ApiKey } from './api-key.entity';
import { Engagement } from './engagement.entity';
import { EngagementAssignment } from './engagement-assignment.entity';
import { LoginFailure } from './login-failure.entity';
import { LoginKnownAddress } from './login-known-address.entity';
import { Membership } from './membership.entity';
import { OneTimeToken } from './one-time-token.entity';
import { Organisation } from './organisation.entity';
import { User } from './user.entity';

export {
  ApiKey,
  Engagement,
  EngagementAssignment,
  LoginFailure,
  LoginKnownAddress,
  Membership,
  OneTimeToken,
  Organisation,
  User,
};
export * from './engagement.entity';

export const IDENTITY_ENTITIES = [
  Organisation,
  User,
  Membership,
  Engagement,
  EngagementAssignment,
  LoginFailure,
  LoginKnownAddress,
  OneTimeToken,
  ApiKey,
];
