import { placeholdersOf } from './interpolate';
import { LANGUAGES } from './languages';
import type { MessageCatalog } from './message-catalog';

/**
 * What is wrong with a catalog, one line per problem: a key some language has and another lacks,
 * an empty message, a translation whose placeholders differ from English's. Every catalog's spec
 * expects none, so a key added in one language only fails the build.
 */
export function catalogProblems(catalog: MessageCatalog): string[] {
  const problems: string[] = [];
  const allKeys = new Set(LANGUAGES.flatMap((language) => [...catalog.messages(language).keys()]));
  const english = catalog.messages('en');
  for (const language of LANGUAGES) {
    const messages = catalog.messages(language);
    for (const key of [...allKeys].sort()) {
      const text = messages.get(key);
      if (text === undefined) {
        problems.push(`${language}: missing ${key}`);
      } else if (!text.trim()) {
        problems.push(`${language}: empty ${key}`);
      } else {
        const expected = english.get(key);
        if (
          expected !== undefined &&
          placeholdersOf(text).join() !== placeholdersOf(expected).join()
        )
          problems.push(`${language}: ${key} has placeholders other than en's`);
      }
    }
  }
  return problems;
}
