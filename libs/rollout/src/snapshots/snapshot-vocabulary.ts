import { compareContent } from '@app/agreements/domain/compare';
import type { Language } from '@app/access';
import type { LocalisedText, ProposalChange } from '@app/workflow';
import { formatNumber, WORDS } from './snapshot-words';

/** How one field of a configuration is named and shown. */
export interface FieldSpec {
  label: LocalisedText;
  format?: (value: unknown, language: Language) => string;
}

/** A list of keyed items (`{ key, ... }`), e.g. groups: how an item is named and its fields. */
export interface CollectionSpec {
  item: (element: Record<string, unknown>, language: Language) => string;
  fields: Record<string, FieldSpec>;
}

/** The words of one configuration: its top-level fields and its keyed lists. */
export interface ConfigurationSpec {
  facts: Record<string, FieldSpec>;
  collections: Record<string, CollectionSpec>;
}

type Json = Record<string, unknown>;

/** The row key a document uses for an item of a list, so its changes can be marked. */
export function rowKey(collection: string, key: string): string {
  return `${collection}:${key}`;
}

/** A key made from free text (a site or product name) that cannot break a comparison path. */
export function textKey(text: string): string {
  return encodeURIComponent(text.trim().toLowerCase());
}

/** A value as the reader sees it: yes/no, numbers in their language, lists joined, nothing as a dash. */
export function shownValue(value: unknown, language: Language): string {
  const w = WORDS[language];
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? w.yes : w.no;
  if (typeof value === 'number') return formatNumber(value, language);
  if (Array.isArray(value))
    return value.length ? value.map((v) => shownValue(v, language)).join(w.listSeparator) : w.none;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function at(element: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, part) => (value && typeof value === 'object' ? (value as Json)[part] : undefined),
      element,
    );
}

function findSpec(
  fields: Record<string, FieldSpec>,
  path: string,
): { path: string; spec: FieldSpec } | null {
  const parts = path.replace(/\[\d+\]/g, '').split('.');
  for (let n = parts.length; n > 0; n -= 1) {
    const candidate = parts.slice(0, n).join('.');
    if (fields[candidate]) return { path: candidate, spec: fields[candidate] };
  }
  return null;
}

function show(spec: FieldSpec | null, value: unknown, language: Language): string | null {
  if (value === undefined) return null;
  return spec?.format ? spec.format(value, language) : shownValue(value, language);
}

const KEYED = /^(\w+)\[key=([^\]]*)\](?:\.(.+))?$/;

/**
 * Field-by-field changes between two configurations (compared as the agreements' documents are,
 * keyed lists matched by `key`), worded with `spec` in `language`. A field nested below a named
 * field (a rule's criteria) is reported once, as the named field's whole value before and after.
 */
export function describeChanges(
  spec: ConfigurationSpec,
  before: Json,
  after: Json,
  language: Language,
): ProposalChange[] {
  const w = WORDS[language];
  const changes: ProposalChange[] = [];
  const seen = new Set<string>();
  for (const change of compareContent(before, after)) {
    const keyed = KEYED.exec(change.path);
    const ordered = /^(\w+)\[\*\]\.order$/.exec(change.path);
    if (ordered) {
      const collection = spec.collections[ordered[1]];
      if (!collection) continue;
      changes.push({
        kind: 'changed',
        key: ordered[1],
        item: w.order,
        field: null,
        before: null,
        after: null,
      });
      continue;
    }
    if (keyed) {
      const [, name, key, sub] = keyed;
      const collection = spec.collections[name];
      if (!collection) continue;
      const list = (source: Json) => (Array.isArray(source[name]) ? (source[name] as Json[]) : []);
      const old = list(before).find((e) => e.key === key);
      const now = list(after).find((e) => e.key === key);
      const item = collection.item((now ?? old ?? {}) as Json, language);
      if (!sub) {
        changes.push({
          kind: old ? 'removed' : 'added',
          key: rowKey(name, key),
          item,
          field: null,
          before: null,
          after: null,
        });
        continue;
      }
      const found = findSpec(collection.fields, sub);
      const path = found?.path ?? sub;
      if (seen.has(`${name}:${key}:${path}`)) continue;
      seen.add(`${name}:${key}:${path}`);
      changes.push({
        kind: 'changed',
        key: rowKey(name, key),
        item,
        field: found ? found.spec.label[language] : path,
        before: show(found?.spec ?? null, found ? at(old, path) : change.before, language),
        after: show(found?.spec ?? null, found ? at(now, path) : change.after, language),
      });
      continue;
    }
    const found = findSpec(spec.facts, change.path);
    const path = found?.path ?? change.path;
    if (seen.has(path)) continue;
    seen.add(path);
    changes.push({
      kind: 'changed',
      key: path,
      item: found ? found.spec.label[language] : path,
      field: null,
      before: show(found?.spec ?? null, found ? at(before, path) : change.before, language),
      after: show(found?.spec ?? null, found ? at(after, path) : change.after, language),
    });
  }
  return changes;
}
