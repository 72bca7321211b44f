import type { MessageCatalog } from '@app/platform/i18n/message-catalog';
import { interpolate } from '@app/platform/i18n/interpolate';
import type Handlebars from 'handlebars';
import { resolveLanguage } from './languages';

/**
 * Registers `{{t "key" name=value}}` on a Handlebars instance: the catalog's message in the
 * language the template is rendered in (`@language`), its placeholders filled from the hash.
 * Messages are the project's own text and go in as written (an HTML part's message may carry
 * markup such as `<strong>`); in an HTML part the parameters, which are data, are escaped exactly
 * as `{{value}}` would escape them.
 */
export function registerMessageHelper(
  handlebars: typeof Handlebars,
  catalog: MessageCatalog,
  html: boolean,
): void {
  const encode = html ? handlebars.escapeExpression : (value: string) => value;
  handlebars.registerHelper('t', function (key: unknown, options: Handlebars.HelperOptions) {
    if (typeof key !== 'string') throw new Error('{{t}} takes a message key in quotes');
    const language = resolveLanguage(String(options.data?.language ?? ''));
    const template = catalog.messages(language).get(key);
    if (template === undefined) throw new Error(`No mail message ${language}/${key}`);
    // As `{{value}}` does, a null or missing parameter prints nothing.
    const params = Object.fromEntries(
      Object.entries(options.hash as Record<string, unknown>).map(([name, value]) => [
        name,
        value ?? '',
      ]),
    );
    return new handlebars.SafeString(interpolate(template, params, encode));
  });
}

/** The message keys a template's source names with `{{t "…"}}`. */
export function messageKeysOf(source: string): string[] {
  return [...source.matchAll(/\{\{~?\s*t\s+"([^"]+)"/g)].map((match) => match[1]);
}
