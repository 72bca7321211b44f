import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/**
 * Every `.hbs` under `views/partials`, named by its path without the extension, e.g.
 * `home/engagement-table` for `partials/home/engagement-table.hbs`; values are relative to the
 * views root, as @fastify/view expects.
 */
export function discoverPartials(viewsDir: string): Record<string, string> {
  const partialsDir = join(viewsDir, 'partials');
  const partials: Record<string, string> = {};
  for (const entry of readdirSync(partialsDir, { recursive: true, encoding: 'utf8' })) {
    if (!entry.endsWith('.hbs')) continue;
    const name = entry.slice(0, -'.hbs'.length).split(sep).join('/');
    partials[name] = relative(viewsDir, join(partialsDir, entry)).split(sep).join('/');
  }
  return partials;
}
