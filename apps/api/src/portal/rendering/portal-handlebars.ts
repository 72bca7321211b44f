import type { Language } from '@app/identity';
import Handlebars from 'handlebars';
import { DEFAULT_LANGUAGE, isLanguage } from '../i18n/choose-language';
import { translate } from '../i18n/translate';
import { formatDate, toDate } from './format-date';
import { linkify } from './linkify';

const PLAIN_MESSAGES_MAX = 5000;

/** Every page's root context carries its language; helpers read it from there. */
function languageOf(options: Handlebars.HelperOptions): Language {
  const root: unknown = options.data?.root;
  const language =
    root && typeof root === 'object' ? (root as { language?: unknown }).language : null;
  return isLanguage(language) ? language : DEFAULT_LANGUAGE;
}

/** The reader's time zone, from the page's root context (the renderer puts it there). */
function timeZoneOf(options: Handlebars.HelperOptions): string | undefined {
  const root: unknown = options.data?.root;
  const zone =
    root && typeof root === 'object' ? (root as { timeZone?: unknown }).timeZone : undefined;
  return typeof zone === 'string' ? zone : undefined;
}

/** Handlebars passes its options object as the last argument of every helper call. */
function splitHelperArgs(args: unknown[]): {
  values: unknown[];
  options: Handlebars.HelperOptions;
} {
  return { values: args.slice(0, -1), options: args[args.length - 1] as Handlebars.HelperOptions };
}

/**
 * The portal's own Handlebars instance (not the shared global one the mail renderer may use),
 * with its helpers:
 * - `{{t "home.title"}}`, `{{t "status" engagement.status}}` (parts joined with dots),
 *   `{{t "home.welcome" name=viewer.displayName}}`: the message in the page's language;
 * - `{{formatDate value}}` (a moment, in the reader's zone, named) / `{{formatDate value style="date"}}`
 *   (a calendar day) and `{{isoDate value}}`;
 * - `{{linkify text}}`: escaped text with its URLs as anchors;
 * - `{{#if (eq a b)}}`, `{{#if (or a b)}}`.
 */
export function createPortalHandlebars(): typeof Handlebars {
  const hbs = Handlebars.create();
  // Messages without placeholders by language and key: the catalogs are code, so a message never
  // changes while the process runs, and a page asks for the same labels once per step card.
  // Bounded (keys may carry values, e.g. a state): emptied when full.
  const plain = new Map<string, string>();
  hbs.registerHelper('t', (...args: unknown[]): string => {
    const { values, options } = splitHelperArgs(args);
    const language = languageOf(options);
    const key = values.length === 1 ? String(values[0]) : values.map(String).join('.');
    const hash = options.hash as Record<string, unknown> | undefined;
    if (hash && Object.keys(hash).length > 0) return translate(language, key, hash);
    const remembered = `${language}|${key}`;
    let text = plain.get(remembered);
    if (text === undefined) {
      text = translate(language, key);
      if (plain.size >= PLAIN_MESSAGES_MAX) plain.clear();
      plain.set(remembered, text);
    }
    return text;
  });
  hbs.registerHelper('eq', (...args: unknown[]): boolean => {
    const { values } = splitHelperArgs(args);
    return values[0] === values[1];
  });
  hbs.registerHelper('or', (...args: unknown[]): boolean =>
    splitHelperArgs(args).values.some(Boolean),
  );
  hbs.registerHelper('formatDate', (...args: unknown[]): string => {
    const { values, options } = splitHelperArgs(args);
    const dateOnly = (options.hash as { style?: unknown } | undefined)?.style === 'date';
    return formatDate(languageOf(options), values[0], dateOnly, timeZoneOf(options));
  });
  hbs.registerHelper('isoDate', (value: unknown): string => toDate(value)?.toISOString() ?? '');
  hbs.registerHelper(
    'linkify',
    (value: unknown): Handlebars.SafeString =>
      new hbs.SafeString(linkify(typeof value === 'string' ? value : '')),
  );
  return hbs;
}
