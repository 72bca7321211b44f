import { mfaEnrolmentRequired, MfaPolicyFacts, mfaRequired, mfaSatisfied } from './mfa-requirement';

describe('the MFA policy', () => {
  const customer: MfaPolicyFacts = {
    organisationRequiresMfa: false,
    organisationKind: 'customer',
    roles: ['customer_it'],
    providerRule: true,
  };

  it('requires a second factor where the organisation says so, and of provider staff and platform admins under the platform rule', () => {
    expect(mfaRequired(customer)).toBe(false);
    expect(mfaRequired({ ...customer, organisationRequiresMfa: true })).toBe(true);
    expect(
      mfaRequired({ ...customer, organisationKind: 'provider', roles: ['provider_analyst'] }),
    ).toBe(true);
    expect(mfaRequired({ ...customer, organisationKind: null, roles: ['platform_admin'] })).toBe(
      true,
    );
    expect(
      mfaRequired({
        ...customer,
        organisationKind: null,
        roles: ['platform_admin'],
        providerRule: false,
      }),
    ).toBe(false);
  });

  it('is met by an SSO sign-in, or a password sign-in of a person with a second factor', () => {
    expect(mfaSatisfied({ authMethod: 'sso', hasSecondFactor: false })).toBe(true);
    expect(mfaSatisfied({ authMethod: 'password', hasSecondFactor: true })).toBe(true);
    expect(mfaSatisfied({ authMethod: 'password', hasSecondFactor: false })).toBe(false);
    const required = { ...customer, organisationRequiresMfa: true };
    expect(mfaEnrolmentRequired(required, { authMethod: 'password', hasSecondFactor: false })).toBe(
      true,
    );
    expect(mfaEnrolmentRequired(required, { authMethod: 'sso', hasSecondFactor: false })).toBe(
      false,
    );
    expect(mfaEnrolmentRequired(customer, { authMethod: 'password', hasSecondFactor: false })).toBe(
      false,
    );
  });
});
