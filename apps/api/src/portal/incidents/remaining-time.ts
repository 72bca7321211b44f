import type { Language } from '@app/identity';

const LOCALES: Readonly<Record<Language, string>> = { ja: 'ja-JP', en: 'en-GB', zh: 'zh-CN' };
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const unit = (language: Language, name: 'day' | 'hour' | 'minute', value: number) =>
  new Intl.NumberFormat(LOCALES[language], {
    style: 'unit',
    unit: name,
    unitDisplay: 'long',
  }).format(value);

/**
 * How long is left until a deadline, in the reader's language, to the minute and in its two
 * largest units ("1 day 3 hours", "2 時間 5 分", "45分钟"); null once the deadline has passed.
 * Minutes round up, so "1 minute" is shown until the deadline itself.
 */
export function remainingTime(deadline: Date, now: Date, language: Language): string | null {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return null;
  const minutes = Math.ceil(left / MINUTE);
  const days = Math.floor((minutes * MINUTE) / DAY);
  const hours = Math.floor(((minutes * MINUTE) % DAY) / HOUR);
  const rest = minutes % 60;
  const parts =
    days > 0
      ? [unit(language, 'day', days), hours > 0 ? unit(language, 'hour', hours) : null]
      : hours > 0
        ? [unit(language, 'hour', hours), rest > 0 ? unit(language, 'minute', rest) : null]
        : [unit(language, 'minute', rest)];
  return parts.filter((part): part is string => part !== null).join(' ');
}
