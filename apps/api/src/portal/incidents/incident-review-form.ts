import { IsOptional, IsString, MaxLength } from 'class-validator';
import type { ReviewInput } from '@app/incidents';
import { CsrfForm } from '../forms/csrf-form';

/**
 * The post-incident review form: three texts and rows of action items, each row's fields posted
 * under one name (a browser sends them in row order). Checked by IncidentReviewService.
 */
export class IncidentReviewForm extends CsrfForm {
  @IsOptional() @IsString() @MaxLength(10000) whatHappened?: string;
  @IsOptional() @IsString() @MaxLength(10000) rootCause?: string;
  @IsOptional() @IsString() @MaxLength(10000) lessons?: string;
  @IsOptional() @IsString({ each: true }) @MaxLength(2000, { each: true }) itemDescription?:
    string | string[];
  @IsOptional() @IsString({ each: true }) @MaxLength(100, { each: true }) itemOwner?:
    string | string[];
  @IsOptional() @IsString({ each: true }) @MaxLength(20, { each: true }) itemDue?:
    string | string[];
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/**
 * The review the form asks for (rows left wholly empty are left out) and the typed values, to
 * show the form again as it was sent when it is refused (`items.<n>.<field>`).
 */
export function reviewFromForm(form: IncidentReviewForm): {
  input: ReviewInput;
  values: Record<string, string>;
} {
  const descriptions = list(form.itemDescription);
  const owners = list(form.itemOwner);
  const dues = list(form.itemDue);
  const rows = Array.from(
    { length: Math.max(descriptions.length, owners.length, dues.length) },
    (_, i) => ({
      description: descriptions[i] ?? '',
      ownerUserId: owners[i] ?? '',
      dueDate: dues[i] ?? '',
    }),
  ).filter((row) => row.description.trim() || row.ownerUserId || row.dueDate.trim());
  const values: Record<string, string> = {
    whatHappened: form.whatHappened ?? '',
    rootCause: form.rootCause ?? '',
    lessons: form.lessons ?? '',
  };
  rows.forEach((row, i) => {
    values[`items.${i}.description`] = row.description;
    values[`items.${i}.ownerUserId`] = row.ownerUserId;
    values[`items.${i}.dueDate`] = row.dueDate;
  });
  return {
    input: {
      whatHappened: form.whatHappened,
      rootCause: form.rootCause,
      lessons: form.lessons,
      actionItems: rows,
    },
    values,
  };
}

/** The action-item rows typed into a refused form, back from its values. */
export function rowsFromValues(
  values: Record<string, string>,
): { description: string; ownerUserId: string; dueDate: string }[] {
  const rows = [];
  for (let i = 0; values[`items.${i}.description`] !== undefined; i += 1)
    rows.push({
      description: values[`items.${i}.description`] ?? '',
      ownerUserId: values[`items.${i}.ownerUserId`] ?? '',
      dueDate: values[`items.${i}.dueDate`] ?? '',
    });
  return rows;
}
