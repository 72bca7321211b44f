import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Language } from '@app/access';
import { findProjectRoot } from '@app/platform/paths/project-root';
import { DOCUMENT_LABELS } from './document-labels';
import type { ProposalDocumentModel } from './proposal-documents.service';

const HTML_LANG: Record<Language, string> = { ja: 'ja', en: 'en', zh: 'zh-CN' };

/** The inline stylesheet of every proposal document; the document route allows exactly it by its hash. */
const PROPOSAL_DOCUMENT_STYLE =
  'body{font-family:"Noto Sans SC","Noto Sans JP",sans-serif;max-width:64em;margin:2em auto;color:#1b1b1b;line-height:1.5}' +
  'h1{font-size:1.5em;border-bottom:2px solid #1b1b1b}h2{font-size:1.2em;margin-top:1.6em}' +
  'table{border-collapse:collapse;margin:.5em 0;width:100%}th,td{border:1px solid #999;padding:.25em .5em;text-align:left;vertical-align:top}' +
  'th{background:#eef1f4}tr.added td,tr.added th{background:#e3f6e3}tr.changed td,tr.changed th{background:#fff4c2}' +
  'tr.removed td{background:#fde2e2}.outdated,.warnings{color:#8a1c1c}';

export const PROPOSAL_DOCUMENT_STYLE_CSP_HASH = `sha256-${createHash('sha256').update(PROPOSAL_DOCUMENT_STYLE).digest('base64')}`;

function templatesDir(): string {
  const candidates = [join(__dirname, 'templates')];
  const root = findProjectRoot(__dirname);
  if (root !== null)
    candidates.push(join(root, 'libs', 'workflow', 'src', 'proposals', 'templates'));
  const found = candidates.find((dir) => existsSync(join(dir, 'proposal.html.hbs')));
  if (!found)
    throw new Error(`Proposal document template not found; looked in ${candidates.join(', ')}`);
  return found;
}

/** A proposal document as standalone HTML (the PDF is drawn from it), in the model's language. */
@Injectable()
export class ProposalDocumentRenderer {
  private readonly template: Handlebars.TemplateDelegate;

  constructor() {
    const source = readFileSync(join(templatesDir(), 'proposal.html.hbs'), 'utf8').replace(
      /\r\n?/g,
      '\n',
    );
    this.template = Handlebars.create().compile(source, { strict: false });
  }

  html(model: ProposalDocumentModel): string {
    const t = DOCUMENT_LABELS[model.language];
    const marked = model.comparedWith !== null && model.changes.length > 0;
    return this.template({
      htmlLang: HTML_LANG[model.language],
      title: model.title,
      style: PROPOSAL_DOCUMENT_STYLE,
      meta: model.meta,
      outdated: model.outdated,
      compared: model.comparedWith !== null,
      changesHeading: model.comparedWith
        ? t.changesHeading(model.comparedWith.version)
        : t.changesFirst,
      labels: t,
      changes: model.changes.map((c) => ({
        ...c,
        mark: t.mark[c.kind],
        field: c.field ?? '',
        before: c.before ?? '—',
        after: c.after ?? '—',
      })),
      sections: model.sections.map((section) => ({
        ...section,
        marked,
        facts: section.facts?.map((f) => ({
          ...f,
          status: f.changed ? 'changed' : '',
          mark: f.changed ? t.mark.changed : '',
        })),
        table: section.table && {
          ...section.table,
          rows: section.table.rows.map((r) => ({
            ...r,
            status: r.status ?? '',
            mark: r.status ? t.mark[r.status] : '',
          })),
        },
      })),
    });
  }
}
