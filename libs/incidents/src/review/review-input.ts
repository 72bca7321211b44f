import { ValidationException } from '@app/platform';

/** What a post-incident review says, as the API and the portal hand it in (checked here). */
export interface ReviewInput {
  whatHappened?: unknown;
  rootCause?: unknown;
  lessons?: unknown;
  actionItems?: unknown;
}

export interface ReviewActionItem {
  description: string;
  ownerUserId: string;
  /** A calendar day, YYYY-MM-DD. */
  dueDate: string;
}

/** A review as it is stored: trimmed text, action items in their order. */
export interface ReviewContent {
  whatHappened: string;
  rootCause: string;
  lessons: string;
  actionItems: ReviewActionItem[];
}

export const REVIEW_TEXT_MAX = 10_000;
export const REVIEW_ITEM_MAX = 2_000;
export const REVIEW_ITEMS_MAX = 30;

type FieldError = { field: string; reason: string };

function text(value: unknown, field: string, max: number, errors: FieldError[]): string {
  const trimmed = typeof value === 'string' ? value.trim() : '';
  if (typeof value !== 'string' && value !== undefined && value !== null)
    errors.push({ field, reason: 'must be text' });
  else if (!trimmed) errors.push({ field, reason: 'must not be empty' });
  else if (trimmed.length > max)
    errors.push({ field, reason: `must be at most ${max} characters` });
  return trimmed;
}

/** Whether `day` is a real calendar day written YYYY-MM-DD (2030-02-30 is not). */
function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/**
 * A review's content, or a 400 naming every refused field (`rootCause`,
 * `actionItems[2].ownerUserId`…). Owners must be among `people`: the people of the engagement.
 */
export function parseReview(input: ReviewInput, people: ReadonlySet<string>): ReviewContent {
  const errors: FieldError[] = [];
  const whatHappened = text(input.whatHappened, 'whatHappened', REVIEW_TEXT_MAX, errors);
  const rootCause = text(input.rootCause, 'rootCause', REVIEW_TEXT_MAX, errors);
  const lessons = text(input.lessons, 'lessons', REVIEW_TEXT_MAX, errors);
  const raw = input.actionItems ?? [];
  const actionItems: ReviewActionItem[] = [];
  if (!Array.isArray(raw)) errors.push({ field: 'actionItems', reason: 'must be a list' });
  else if (raw.length > REVIEW_ITEMS_MAX)
    errors.push({ field: 'actionItems', reason: `must have at most ${REVIEW_ITEMS_MAX} items` });
  else
    raw.forEach((item: unknown, index) => {
      const at = `actionItems[${index}]`;
      const record = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const description = text(record.description, `${at}.description`, REVIEW_ITEM_MAX, errors);
      const ownerUserId = typeof record.ownerUserId === 'string' ? record.ownerUserId : '';
      if (!people.has(ownerUserId))
        errors.push({ field: `${at}.ownerUserId`, reason: 'must be a person of the engagement' });
      const dueDate = typeof record.dueDate === 'string' ? record.dueDate.trim() : '';
      if (!isCalendarDay(dueDate))
        errors.push({ field: `${at}.dueDate`, reason: 'must be a calendar day (YYYY-MM-DD)' });
      actionItems.push({ description, ownerUserId, dueDate });
    });
  if (errors.length > 0) throw new ValidationException(errors);
  return { whatHappened, rootCause, lessons, actionItems };
}
