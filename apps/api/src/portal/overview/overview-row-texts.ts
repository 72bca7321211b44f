import type { Language } from '@app/identity';
import { formatDay } from '@app/platform';
import type { MessageParams } from '@app/platform';
import { translate } from '../i18n/translate';

/**
 * The words of one overview page in its reader's language, each message looked up once per page:
 * fifty rows repeat the same phases, parties and counts, and writing them here instead of through
 * template helpers per cell keeps a page's rendering to plain substitutions. Lives for one page
 * only, so nothing in it can outlast a change of data.
 */
export class OverviewRowTexts {
  private readonly memo = new Map<string, string>();

  constructor(readonly language: Language) {}

  /** The message `key` with `params`, as the page's `{{t}}` helper would write it. */
  text(key: string, params?: MessageParams): string {
    const id = params ? `${key}|${Object.values(params).join('|')}` : key;
    let text = this.memo.get(id);
    if (text === undefined) {
      text = translate(this.language, key, params ?? {});
      this.memo.set(id, text);
    }
    return text;
  }

  /** A calendar day (YYYY-MM-DD) as the page's `{{formatDate day style="date"}}` writes it. */
  day(day: string): string {
    const id = `day|${day}`;
    let text = this.memo.get(id);
    if (text === undefined) {
      text = formatDay(day, this.language);
      this.memo.set(id, text);
    }
    return text;
  }
}
