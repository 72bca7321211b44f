import { Injectable } from '@nestjs/common';
import { AccessScope, Actor } from '@app/access';
import { TransactionRunner, ValidationException } from '@app/platform';
import { IdentityError } from '../identity-errors';
import type { PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { TotpService } from '../mfa/totp.service';
import { PasskeyService } from '../passkeys/passkey.service';
import { addressKey, LoginThrottle } from '../services/login-throttle';
import { LoginService } from '../services/login.service';
import { SsoDirectory } from '../sso/sso-directory';

/** The factors a person can re-authenticate with, strongest first. */
export const STEP_UP_FACTORS = ['passkey', 'totp', 'password'] as const;
export type StepUpFactor = (typeof STEP_UP_FACTORS)[number];

/** What re-authenticated the person (the evidence): a recovery code stands in for the app. */
export type StepUpMethod = 'passkey' | 'totp' | 'recovery_code' | 'password';

/** What the person gave: only the field of their strongest factor counts. */
export interface StepUpProof {
  password?: string | null;
  /** A current code of the authenticator app, or an unused recovery code. */
  code?: string | null;
  /** A WebAuthn assertion (object or its JSON) answering a step-up challenge. */
  passkey?: unknown;
}

/** Who re-authenticates: the person's id, sign-in address and organisation. */
export interface StepUpPerson {
  userId: string;
  email: string;
  organisationId: string | null;
}

const FIELD: Record<StepUpFactor, keyof StepUpProof> = {
  passkey: 'passkey',
  totp: 'code',
  password: 'password',
};

/**
 * Re-authentication before a consequential act (signing a document, deciding a response action):
 * always with the strongest factor the person has, passkey > authenticator app > password, so a
 * stolen password alone never signs for someone who set up more. A wrong code or password counts
 * as a failed sign-in (LoginThrottle), like at sign-in.
 */
@Injectable()
export class StepUpService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly passkeys: PasskeyService,
    private readonly totp: TotpService,
    private readonly logins: LoginService,
    private readonly throttle: LoginThrottle,
    private readonly sso: SsoDirectory,
  ) {}

  async strongest(userId: string): Promise<StepUpFactor> {
    if (await this.passkeys.has(userId)) return 'passkey';
    if (await this.totp.isEnabled(userId)) return 'totp';
    return 'password';
  }

  /** A step-up challenge for navigator.credentials.get(); 409 for a person without passkeys. */
  challenge(scope: AccessScope): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return this.passkeys.assertionOptions(scope.userId, 'step_up');
  }

  /**
   * Checks the proof against the person's strongest factor and answers what re-authenticated
   * them. 400 naming the field when it is missing; 401 (INVALID_CREDENTIALS) when it is wrong.
   */
  async verify(scope: AccessScope, proof: StepUpProof): Promise<StepUpMethod> {
    return this.verifyPerson(
      { userId: scope.userId, email: scope.grant.email, organisationId: scope.organisationId },
      scope.actor,
      proof,
      'session',
    );
  }

  /**
   * The same check for a person known without a session (the emailed approval link names its
   * recipient). A passkey is answered only on the portal, where its challenge is issued: a
   * person whose strongest factor is a passkey decides there (STEP_UP_IN_PORTAL).
   */
  async verifyPerson(
    person: StepUpPerson,
    actor: Actor,
    proof: StepUpProof,
    channel: 'session' | 'link',
  ): Promise<StepUpMethod> {
    const factor = await this.strongest(person.userId);
    const field = FIELD[factor];
    const given = proof[field];
    if (factor === 'passkey' && channel === 'link') {
      throw new IdentityError(
        'STEP_UP_IN_PORTAL',
        'Sign in to the portal and decide there: your passkey confirms it',
      );
    }
    // An organisation that signs in through its identity provider with passwords off: a session
    // from the provider does not prove presence now, and there is no password to ask for.
    if (
      factor === 'password' &&
      (await this.sso.passwordsDisabled(person.email, person.organisationId))
    ) {
      throw new IdentityError(
        'STEP_UP_FACTOR_REQUIRED',
        'Add a passkey or an authenticator app on your account page: your organisation signs in without passwords, and signing or deciding needs one of them',
      );
    }
    if (given === undefined || given === null || given === '') {
      throw new ValidationException([
        {
          field,
          reason: `re-authenticate with your ${factor === 'totp' ? 'authenticator app code' : factor}`,
        },
      ]);
    }
    if (factor === 'password') {
      await this.logins.authenticate(person.email, String(given), actor.ip);
      return 'password';
    }
    if (factor === 'passkey') {
      await this.passkeys.verifyAssertion(['step_up'], given, person.userId, actor);
      return 'passkey';
    }
    return this.verifyCode(person, actor, String(given));
  }

  private async verifyCode(
    person: StepUpPerson,
    actor: Actor,
    code: string,
  ): Promise<StepUpMethod> {
    const email = person.email.toLowerCase();
    const address = addressKey(actor.ip);
    const manager = this.tx.manager;
    await this.throttle.admit(manager, email, address);
    const method = await this.totp.verifyForSignIn(
      { id: person.userId, organisationId: person.organisationId },
      code,
      actor,
    );
    if (!method)
      throw new IdentityError('INVALID_CREDENTIALS', 'The code is incorrect or was used already');
    await this.throttle.succeeded(manager, email, address);
    return method;
  }
}
