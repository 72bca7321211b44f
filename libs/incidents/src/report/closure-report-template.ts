import Handlebars from 'handlebars';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '@app/identity';
import { messageKeysOf, registerMessageHelper } from '@app/notify/rendering/mail-message-helper';
import { findProjectRoot } from '@app/platform/paths/project-root';
import { INCIDENTS_MESSAGES } from '../messages/incidents-messages';

const TEMPLATE = 'closure-report.html.hbs';

/** Beside the compiled code when a build copied it, else the source tree. */
function templatesDir(): string {
  const candidates = [join(__dirname, 'templates')];
  const root = findProjectRoot(__dirname);
  if (root !== null) candidates.push(join(root, 'libs', 'incidents', 'src', 'report', 'templates'));
  const found = candidates.find((dir) => existsSync(join(dir, TEMPLATE)));
  if (!found)
    throw new Error(`Closure report template not found; looked in ${candidates.join(', ')}`);
  return found;
}

export type ClosureReportTemplate = (model: Record<string, unknown>, language: Language) => string;

/**
 * The closure report's one template, for every language: its words are `closureReport.*` in the
 * incidents catalog (`{{t "closureReport.key"}}`, in the language it is rendered in), its data
 * escaped as Handlebars escapes `{{value}}`. A word the catalog lacks fails here, at boot.
 */
export function compileClosureReport(): ClosureReportTemplate {
  const source = readFileSync(join(templatesDir(), TEMPLATE), 'utf8');
  const missing = messageKeysOf(source).filter(
    (key) => INCIDENTS_MESSAGES.template('en', key) === undefined,
  );
  if (missing.length) throw new Error(`Closure report words missing: ${missing.join(', ')}`);
  const handlebars = Handlebars.create();
  registerMessageHelper(handlebars, INCIDENTS_MESSAGES, true);
  const template = handlebars.compile(source, { strict: false });
  return (model, language) => template(model, { data: { language } });
}
