import type { Language } from '@app/identity';
import type { FastifyRequest } from 'fastify';
import { translate } from '../i18n/translate';
import { isErrorMessageKey } from '../errors/error-message-key';

/**
 * A one-time message for the next page after a form's 303 redirect, kept in the encrypted
 * session. It holds a catalog key and parameters, not text, so it is translated when shown
 * (in the language of that page).
 */
export interface Flash {
  kind: 'success' | 'error';
  /** Catalog key under `flash.`, or an error code's own key (`errors.code.<CODE>`, see refusal.ts). */
  key: string;
  params?: Record<string, string | number>;
  /** The step it is about: the message links to the step's card on the onboarding page. */
  stepKey?: string;
}

/** A flash as the layout shows it. */
export interface RenderedFlash {
  kind: 'success' | 'error';
  text: string;
  stepAnchor: string | null;
}

const FLASH_KEY = 'flash';

interface FlashSession {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

function sessionOf(request: FastifyRequest): FlashSession {
  return request.session as unknown as FlashSession;
}

export function setFlash(request: FastifyRequest, flash: Flash): void {
  sessionOf(request).set(FLASH_KEY, flash);
}

/** The pending flash, removed from the session so it shows once. */
export function takeFlash(request: FastifyRequest): Flash | null {
  const session = sessionOf(request);
  const value = session.get(FLASH_KEY);
  if (value === undefined || value === null) return null;
  session.set(FLASH_KEY, undefined);
  return isFlash(value) ? value : null;
}

function isFlash(value: unknown): value is Flash {
  if (!value || typeof value !== 'object') return false;
  const flash = value as Partial<Flash>;
  return (
    (flash.kind === 'success' || flash.kind === 'error') &&
    typeof flash.key === 'string' &&
    /^[a-zA-Z_.]+$/.test(flash.key)
  );
}

/** The anchor of a step's card on the onboarding page. */
export function stepAnchor(stepKey: string): string {
  return `step-${stepKey}`;
}

/**
 * The flash in `language`. The parameters `action` (a step action) and `state` (a step state)
 * are catalog words themselves and are translated first; everything else goes in as it is.
 */
export function renderFlash(language: Language, flash: Flash): RenderedFlash {
  const params: Record<string, string | number> = { ...(flash.params ?? {}) };
  if (typeof params.action === 'string') {
    params.action = translate(language, `onboarding.verb.${params.action}`);
  }
  if (typeof params.state === 'string') {
    params.state = translate(language, `onboarding.state.${params.state}`);
  }
  return {
    kind: flash.kind,
    text: translate(
      language,
      isErrorMessageKey(flash.key) ? flash.key : `flash.${flash.key}`,
      params,
    ),
    stepAnchor: flash.stepKey ? stepAnchor(flash.stepKey) : null,
  };
}
