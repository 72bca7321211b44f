import { Injectable } from '@nestjs/common';
import { ValidationException } from '@app/platform';
import { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/**
 * zxcvbn's score 0–4: 3 means about 10^8 guesses or more, "safely unguessable" against an
 * online attack and a slow hash (argon2id) offline; 0–2 are breached, common or patterned.
 */
const MIN_SCORE = 3;

/**
 * Only this much of a password is estimated. The estimator's time grows steeply with length
 * (seconds for 200 random characters); a longer password is judged by its start.
 */
const ESTIMATED_LENGTH = 64;

/** Why a password is refused; the portal translates these, the API sends the English reason. */
export type PasswordProblem =
  'too_short' | 'too_long' | 'common' | 'personal' | 'predictable' | 'guessable';

export const PASSWORD_PROBLEM_REASONS: Readonly<Record<PasswordProblem, string>> = {
  too_short: `must be at least ${MIN_PASSWORD_LENGTH} characters long`,
  too_long: `must be at most ${MAX_PASSWORD_LENGTH} characters long`,
  common:
    'is a common or breached password (on the list of common passwords, or close to one of them)',
  personal: 'contains your name or email address',
  predictable:
    'follows a predictable pattern (repeated characters, sequences, keyboard rows or dates)',
  guessable: 'is too easy to guess: use a longer phrase of unrelated words',
};

/** zxcvbn's warning keys (it is built without translations, so warnings are these keys). */
const PROBLEM_FOR_WARNING: Readonly<Record<string, PasswordProblem>> = {
  topTen: 'common',
  topHundred: 'common',
  common: 'common',
  similarToCommon: 'common',
  pwned: 'common',
  userInputs: 'personal',
  straightRow: 'predictable',
  keyPattern: 'predictable',
  simpleRepeat: 'predictable',
  extendedRepeat: 'predictable',
  sequences: 'predictable',
  recentYears: 'predictable',
  dates: 'predictable',
};

/** A refused password: a 400 naming the field, with the problem for pages that translate it. */
export class PasswordRefusedException extends ValidationException {
  constructor(
    readonly problem: PasswordProblem,
    field: string,
  ) {
    super([{ field, reason: PASSWORD_PROBLEM_REASONS[problem] }]);
  }
}

let estimator: ZxcvbnFactory | null = null;

/**
 * One estimator per process, built on first use (its dictionaries take a few hundred
 * milliseconds to index): the maintained zxcvbn-ts estimator with its common-password list
 * (about 49,000 passwords from breaches), diceware words, and English words and names.
 */
function passwordEstimator(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    maxLength: ESTIMATED_LENGTH,
  });
  return estimator;
}

/** The words of a person's name and email address, which their password must not lean on. */
export function personalWords(person: {
  email?: string | null;
  displayName?: string | null;
}): string[] {
  const words = new Set<string>();
  const email = person.email?.trim().toLowerCase() ?? '';
  if (email) {
    words.add(email);
    const [local, domain] = email.split('@');
    for (const part of [local, ...(local ?? '').split(/[._+-]+/), ...(domain ?? '').split('.')])
      if (part) words.add(part);
  }
  for (const part of (person.displayName ?? '').toLowerCase().split(/[\s.·,_-]+/))
    if (part) words.add(part);
  return [...words].filter((w) => w.length >= 3);
}

/** The email addresses among the personal words, and their local parts of four or more characters. */
function signInNames(personal: readonly string[]): string[] {
  return personal
    .filter((word) => word.includes('@'))
    .flatMap((email) => [email, email.slice(0, email.indexOf('@'))])
    .filter((name) => name.length >= 4);
}

function problemOf(result: ZxcvbnResult): PasswordProblem {
  if (
    result.sequence.some(
      (match) => match.pattern === 'dictionary' && match.dictionaryName === 'userInputs',
    )
  ) {
    return 'personal';
  }
  return PROBLEM_FOR_WARNING[result.feedback.warning ?? ''] ?? 'guessable';
}

/**
 * The password policy: 12 to 200 characters, and not breached or trivially weak by a
 * maintained strength estimator (zxcvbn-ts) with a local list of common passwords, nor built
 * on the person's own name or address. Checked wherever a password is chosen.
 */
@Injectable()
export class PasswordPolicy {
  /** The first problem with `password`, or null when it is acceptable. */
  problemWith(password: string, personal: readonly string[] = []): PasswordProblem | null {
    if (password.length < MIN_PASSWORD_LENGTH) return 'too_short';
    if (password.length > MAX_PASSWORD_LENGTH) return 'too_long';
    // The sign-in name itself, whatever else surrounds it (the estimator may still score it high).
    const lower = password.toLowerCase();
    if (signInNames(personal).some((name) => lower.includes(name))) return 'personal';
    const result = passwordEstimator().check(password, [...personal]);
    return result.score >= MIN_SCORE ? null : problemOf(result);
  }

  /** Throws a 400 naming `field` with the reason when the password is not acceptable. */
  assertAcceptable(password: string, personal: readonly string[], field: string): void {
    const problem = this.problemWith(password, personal);
    if (problem) throw new PasswordRefusedException(problem, field);
  }
}
