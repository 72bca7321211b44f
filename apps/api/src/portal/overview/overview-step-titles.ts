import type { Language } from '@app/identity';
import { localise, TemplateDefinition } from '@app/workflow';

/**
 * Step titles by step key for one template version in one language. A version's steps never change
 * (a changed template is a new version), so the map is kept per `key@version` and language: a new
 * version is a new entry, never a stale one.
 */
const titlesByVersion = new Map<string, ReadonlyMap<string, string>>();

export function stepTitles(
  template: TemplateDefinition,
  language: Language,
): ReadonlyMap<string, string> {
  const id = `${template.key}@${template.version}|${language}`;
  let titles = titlesByVersion.get(id);
  if (!titles) {
    titles = new Map(template.steps.map((s) => [s.key, localise(s.title, language)]));
    titlesByVersion.set(id, titles);
  }
  return titles;
}
