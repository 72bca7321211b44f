import { findProjectRoot } from '@app/platform/paths/project-root';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const MARKER = 'layout.html.hbs';

/**
 * Where the .hbs files are. tsc does not copy them, so after a build we look beside the compiled
 * code first (in case a build step copied them there) and then in the source tree of the project
 * root, the nearest folder up from here holding package.json. From source (jest, ts-node) the
 * first candidate is the source folder itself.
 */
export function resolveTemplatesDir(startDir: string = __dirname): string {
  const candidates = [join(startDir, '..', 'templates')];
  const root = findProjectRoot(startDir);
  if (root !== null) candidates.push(join(root, 'libs', 'notify', 'src', 'templates'));
  const found = candidates.find((dir) => existsSync(join(dir, MARKER)));
  if (found === undefined) {
    throw new Error(`Mail templates not found; looked in ${candidates.join(', ')}`);
  }
  return found;
}
