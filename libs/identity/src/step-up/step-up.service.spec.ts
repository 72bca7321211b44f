import type { Actor } from '@app/access';
import { IdentityError } from '../identity-errors';
import { StepUpService } from './step-up.service';

const person = { userId: 'u1', email: 'lead@sso.example', organisationId: 'o1' };
const actor: Actor = { userId: 'u1', organisationId: 'o1', ip: '127.0.0.1', userAgent: null };

/** A StepUpService over fakes: what the person has, and whether their organisation has passwords off. */
function service(has: { passkey?: boolean; totp?: boolean }, passwordsOff: boolean) {
  const authenticate = jest.fn().mockResolvedValue({ id: 'u1' });
  const stepUp = new StepUpService(
    { manager: {} } as never,
    { has: async () => Boolean(has.passkey), verifyAssertion: jest.fn() } as never,
    { isEnabled: async () => Boolean(has.totp), verifyForSignIn: jest.fn() } as never,
    { authenticate } as never,
    {} as never,
    { passwordsDisabled: async () => passwordsOff } as never,
  );
  return { stepUp, authenticate };
}

describe('re-authentication by the strongest factor', () => {
  it('asks the password of a person who has nothing stronger', async () => {
    const { stepUp, authenticate } = service({}, false);
    await expect(
      stepUp.verifyPerson(person, actor, { password: 'secret' }, 'session'),
    ).resolves.toBe('password');
    expect(authenticate).toHaveBeenCalledWith(person.email, 'secret', actor.ip);
  });

  it('refuses the password of a person who has an authenticator app, naming the code', async () => {
    const { stepUp, authenticate } = service({ totp: true }, false);
    await expect(
      stepUp.verifyPerson(person, actor, { password: 'secret' }, 'session'),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('sends a passkey holder answering an emailed link to the portal', async () => {
    const { stepUp } = service({ passkey: true }, false);
    await expect(stepUp.verifyPerson(person, actor, {}, 'link')).rejects.toMatchObject({
      code: 'STEP_UP_IN_PORTAL',
    });
  });

  it('asks a person of an organisation without passwords to add a passkey or an app, instead of a password it cannot give', async () => {
    const { stepUp, authenticate } = service({}, true);
    const refused = stepUp.verifyPerson(person, actor, { password: 'secret' }, 'session');
    await expect(refused).rejects.toBeInstanceOf(IdentityError);
    await expect(refused).rejects.toMatchObject({ code: 'STEP_UP_FACTOR_REQUIRED' });
    expect(authenticate).not.toHaveBeenCalled();
  });
});
