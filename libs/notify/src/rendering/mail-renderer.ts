import { Inject, Injectable, Optional } from '@nestjs/common';
import Handlebars from 'handlebars';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HTML_LANG, MAIL_LANGUAGES, MailLanguage, resolveLanguage } from './languages';
import { MAIL_TEMPLATE_NAMES, MailTemplateName, MailTemplates } from './mail-templates';
import { resolveTemplatesDir } from './templates-dir';

/** Overrides the templates folder (tests); by default it is found by `resolveTemplatesDir`. */
const MAIL_TEMPLATES_DIR = Symbol('MAIL_TEMPLATES_DIR');

export interface RenderedMail {
  /** The language actually used, after falling back. */
  language: MailLanguage;
  subject: string;
  html: string;
  text: string;
}

interface CompiledTemplate {
  subject: Handlebars.TemplateDelegate;
  html: Handlebars.TemplateDelegate;
  text: Handlebars.TemplateDelegate;
}

/**
 * Renders `templates/<lang>/<name>.{subject,html,text}.hbs`. The HTML part is escaped and framed
 * by `templates/layout.html.hbs`; subject and text are plain text, so they are not escaped.
 */
@Injectable()
export class MailRenderer {
  private readonly templates = new Map<string, CompiledTemplate>();
  private readonly layout: Handlebars.TemplateDelegate;
  // An own instance, so helpers or partials registered elsewhere cannot change our mail.
  private readonly handlebars = Handlebars.create();

  constructor(@Optional() @Inject(MAIL_TEMPLATES_DIR) dir?: string) {
    const root = dir ?? resolveTemplatesDir();
    this.layout = this.compile(join(root, 'layout.html.hbs'), false);
    for (const language of MAIL_LANGUAGES) {
      for (const name of MAIL_TEMPLATE_NAMES) {
        const base = join(root, language, name);
        this.templates.set(`${language}/${name}`, {
          subject: this.compile(`${base}.subject.hbs`, true),
          html: this.compile(`${base}.html.hbs`, false),
          text: this.compile(`${base}.text.hbs`, true),
        });
      }
    }
  }

  render<N extends MailTemplateName>(
    name: N,
    requestedLanguage: string,
    data: MailTemplates[N],
  ): RenderedMail {
    const language = resolveLanguage(requestedLanguage);
    const template = this.templates.get(`${language}/${name}`);
    if (template === undefined) throw new Error(`No mail template ${language}/${name}`);
    // A subject is one header line: a newline in user data must not start another header.
    const subject = template.subject(data).replace(/\s+/g, ' ').trim();
    const body = template.html(data);
    const html = this.layout({ lang: HTML_LANG[language], subject, body });
    const text = `${template.text(data).trim()}\n`;
    return { language, subject, html, text };
  }

  private compile(file: string, plainText: boolean): Handlebars.TemplateDelegate {
    // strict: a misspelt field fails loudly instead of rendering an empty string.
    return this.handlebars.compile(readFileSync(file, 'utf8'), {
      strict: true,
      noEscape: plainText,
    });
  }
}
