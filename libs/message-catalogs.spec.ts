import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalogProblems, MessageCatalog } from '@app/platform/i18n';

/**
 * Every lib that has words keeps them in `libs/<lib>/src/messages/<language>.json` and makes its
 * catalog in `messages/<lib>-messages.ts`. Each catalog found there must have every key in every
 * language, no empty message, and the same placeholders as English.
 */
const LIBS = join(__dirname);

const catalogs: [string, MessageCatalog][] = readdirSync(LIBS)
  .filter((lib) => existsSync(join(LIBS, lib, 'src', 'messages')))
  .flatMap((lib) => {
    const folder = join(LIBS, lib, 'src', 'messages');
    const module = join(folder, `${lib}-messages.ts`);
    if (!existsSync(module)) throw new Error(`libs/${lib}/src/messages has no ${lib}-messages.ts`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = require(module) as Record<string, unknown>;
    return Object.entries(exported)
      .filter((entry): entry is [string, MessageCatalog] => entry[1] instanceof MessageCatalog)
      .map(([name, catalog]): [string, MessageCatalog] => [`${lib}: ${name}`, catalog]);
  });

describe('message catalogs of the libs', () => {
  it('finds them', () => {
    expect(catalogs.map(([name]) => name)).toEqual(
      expect.arrayContaining(['access: ACCESS_MESSAGES', 'notify: NOTIFY_MESSAGES']),
    );
  });

  it.each(catalogs)('%s has every key in ja, en and zh', (_name, catalog) => {
    expect(catalogProblems(catalog)).toEqual([]);
  });
});
