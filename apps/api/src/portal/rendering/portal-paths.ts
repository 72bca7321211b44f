import { findProjectRoot } from '@app/platform/paths/project-root';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PortalPaths {
  /** Handlebars templates: layouts/, partials/, pages/. */
  views: string;
  /** Files served under /static/ (CSS, icons). */
  public: string;
}

const LAYOUT_MARKER = join('layouts', 'main.hbs');

/**
 * tsc copies neither .hbs nor .css into dist/, so the folders are always taken from the source
 * tree under the project root: the same answer from apps/api/src/portal (jest) and from
 * dist/apps/api/src/portal (compiled), because dist/ holds no package.json of its own.
 */
export function resolvePortalPaths(startDir: string = __dirname): PortalPaths {
  const root = findProjectRoot(startDir);
  if (root === null) {
    throw new Error(`Portal views not found: no package.json above ${startDir}`);
  }
  const paths = {
    views: join(root, 'apps', 'api', 'views'),
    public: join(root, 'apps', 'api', 'public'),
  };
  if (!existsSync(join(paths.views, LAYOUT_MARKER))) {
    throw new Error(`Portal views not found: ${join(paths.views, LAYOUT_MARKER)} is missing`);
  }
  return paths;
}
