import { ACCESS_MESSAGES } from './messages/access-messages';
import type { Language } from './roles';

/** Role names as the portal shows them, for the mails (`roles.<role>` in `messages/`). */
export function roleLabel(role: string, language: Language): string {
  const key = `roles.${role}`;
  return ACCESS_MESSAGES.template(language, key) === undefined
    ? role
    : ACCESS_MESSAGES.translate(language, key);
}
