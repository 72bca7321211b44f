import { interpolate, MessageParams } from './interpolate';
import { LANGUAGES, type Language } from './languages';
import {
  flattenMessages,
  mergeSections,
  type MessageTree,
  type MessageTrees,
} from './message-tree';

/**
 * The one translation mechanism: a catalog of messages per language, looked up by dotted key and
 * filled with `{name}` parameters. Every lib keeps its words in its own JSON files
 * (`libs/<lib>/src/messages/<language>.json`) and makes its catalog with `messageCatalog`; the
 * portal makes its catalog the same way from its base and feature files.
 */
export class MessageCatalog {
  private readonly flat: Readonly<Record<Language, ReadonlyMap<string, string>>>;

  constructor(readonly trees: MessageTrees) {
    this.flat = {
      ja: flattenMessages(trees.ja),
      en: flattenMessages(trees.en),
      zh: flattenMessages(trees.zh),
    };
  }

  /**
   * The message for `key` in `language`, its placeholders filled. A key missing from a language
   * falls back to English, then to the key itself, so a gap shows instead of breaking a page
   * (`catalogProblems` in each catalog's spec keeps the languages in step).
   */
  translate(language: Language, key: string, params: MessageParams = {}): string {
    return interpolate(this.template(language, key) ?? key, params);
  }

  /** The unfilled message, falling back to English; undefined when no language has the key. */
  template(language: Language, key: string): string | undefined {
    return this.flat[language].get(key) ?? this.flat.en.get(key);
  }

  /** Every key and its message in one language. */
  messages(language: Language): ReadonlyMap<string, string> {
    return this.flat[language];
  }

  /** The messages under `section` (`'roles'` → `{ provider_lead: '…', … }`), in one language. */
  section(language: Language, section: string): Readonly<Record<string, string>> {
    const prefix = `${section}.`;
    const entries = [...this.flat[language]]
      .filter(([key]) => key.startsWith(prefix) && !key.slice(prefix.length).includes('.'))
      .map(([key, text]) => [key.slice(prefix.length), text] as const);
    return Object.fromEntries(entries);
  }
}

/** One catalog from several parts (each owning its top-level sections), in every language. */
export function messageCatalog(...parts: readonly MessageTrees[]): MessageCatalog {
  const trees = Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      mergeSections(
        language,
        parts.map((part) => part[language]),
      ),
    ]),
  ) as Record<Language, MessageTree>;
  return new MessageCatalog(trees);
}
