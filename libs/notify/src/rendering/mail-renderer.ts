import { Inject, Injectable, Optional } from '@nestjs/common';
import Handlebars from 'handlebars';
import type { MessageCatalog } from '@app/platform/i18n/message-catalog';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTIFY_MESSAGES } from '../messages/notify-messages';
import { HTML_LANG, MAIL_LANGUAGES, MailLanguage, resolveLanguage } from './languages';
import { messageKeysOf, registerMessageHelper } from './mail-message-helper';
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
 * Renders a mail from `templates/<name>.{subject,html,text}.hbs`, one template for every language
 * whose words come from the notify catalog (`{{t "key"}}`, `messages/<language>.json`), or, for a
 * mail not yet made language-neutral, from `templates/<lang>/<name>.{subject,html,text}.hbs`. The
 * HTML part is escaped and framed by `templates/layout.html.hbs`; subject and text are plain
 * text, so they are not escaped.
 */
@Injectable()
export class MailRenderer {
  private readonly templates = new Map<string, CompiledTemplate>();
  private readonly layout: Handlebars.TemplateDelegate;
  // Own instances, so helpers or partials registered elsewhere cannot change our mail; one for
  // the HTML part (parameters of `t` escaped) and one for the plain-text parts.
  private readonly html = Handlebars.create();
  private readonly plain = Handlebars.create();

  constructor(@Optional() @Inject(MAIL_TEMPLATES_DIR) dir?: string) {
    const catalog = NOTIFY_MESSAGES;
    const root = dir ?? resolveTemplatesDir();
    registerMessageHelper(this.html, catalog, true);
    registerMessageHelper(this.plain, catalog, false);
    this.layout = this.compile(join(root, 'layout.html.hbs'), false);
    for (const name of MAIL_TEMPLATE_NAMES) {
      const neutral = join(root, name);
      const languageNeutral = existsSync(`${neutral}.subject.hbs`);
      if (languageNeutral) this.checkMessages(neutral, catalog);
      const compiled = languageNeutral ? this.compileMail(neutral) : undefined;
      for (const language of MAIL_LANGUAGES) {
        this.templates.set(
          `${language}/${name}`,
          compiled ?? this.compileMail(join(root, language, name)),
        );
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
    // `@language` tells `{{t}}` which words to take.
    const options = { data: { language } };
    // A subject is one header line: a newline in user data must not start another header.
    const subject = template.subject(data, options).replace(/\s+/g, ' ').trim();
    const body = template.html(data, options);
    const html = this.layout({ lang: HTML_LANG[language], subject, body });
    const text = `${template.text(data, options).trim()}\n`;
    return { language, subject, html, text };
  }

  private compileMail(base: string): CompiledTemplate {
    return {
      subject: this.compile(`${base}.subject.hbs`, true),
      html: this.compile(`${base}.html.hbs`, false),
      text: this.compile(`${base}.text.hbs`, true),
    };
  }

  /** A key a neutral template names must be in every language, or the start fails. */
  private checkMessages(base: string, catalog: MessageCatalog): void {
    for (const part of ['subject', 'html', 'text']) {
      for (const key of messageKeysOf(readFileSync(`${base}.${part}.hbs`, 'utf8'))) {
        const missing = MAIL_LANGUAGES.filter((l) => !catalog.messages(l).has(key));
        if (missing.length > 0)
          throw new Error(
            `Mail message ${key} (${base}.${part}.hbs) missing in ${missing.join(', ')}`,
          );
      }
    }
  }

  private compile(file: string, plainText: boolean): Handlebars.TemplateDelegate {
    // strict: a misspelt field fails loudly instead of rendering an empty string.
    return (plainText ? this.plain : this.html).compile(readFileSync(file, 'utf8'), {
      strict: true,
      noEscape: plainText,
    });
  }
}
