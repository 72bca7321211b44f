/** A moment with its time, in UTC, as the recipient's language writes it. */
export function formatMoment(date: Date, language: string): string {
  const locale = language === 'ja' ? 'ja-JP' : language === 'zh' ? 'zh-CN' : 'en-GB';
  return `${new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}
