import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The nearest folder at or above `startDir` that holds package.json. tsc copies no .hbs or .css
 * into dist/, and dist/ has no package.json of its own, so code run from source (jest) and from
 * dist/ both find the source tree's templates, views and static files through it.
 */
export function findProjectRoot(startDir: string): string | null {
  let dir = startDir;
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
