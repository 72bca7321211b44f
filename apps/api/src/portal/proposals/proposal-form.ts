import type { Language } from '@app/identity';
import { FreeFormField, freeFormSchema, StepView } from '@app/workflow';

/** The longest note or text field the form passes on (the engine checks each field's own limit). */
const MAX_FIELD = 20000;

/** A form field name for a schema field: prefixed, so it can never collide with `_csrf` or `note`. */
function fieldName(field: string): string {
  return `field_${field}`;
}

export interface ProposeFormField {
  name: string;
  id: string;
  type: FreeFormField['type'];
  label: string;
  required: boolean;
  /** The current proposal's value, so a revision starts from it. */
  value: string;
}

/** What the propose form on a step card asks for (posting to `action`): a note only (snapshot), or the step's fields. */
export type ProposeForm = { action: string } & (
  { kind: 'snapshot' } | { kind: 'content'; fields: ProposeFormField[] }
);

function valueOf(field: FreeFormField, value: unknown): string {
  if (field.type === 'lines' && Array.isArray(value)) return value.map(String).join('\n');
  return typeof value === 'string' ? value : '';
}

export function proposeFormOf(
  step: Pick<StepView, 'key' | 'proposes' | 'proposal'>,
  action: string,
  anchor: string,
  language: Language,
): ProposeForm | null {
  if (step.proposes === 'snapshot') return { action, kind: 'snapshot' };
  const schema = step.proposes === 'content' ? freeFormSchema(step.key) : null;
  if (!schema) return null;
  const current = step.proposal?.content ?? {};
  return {
    action,
    kind: 'content',
    fields: schema.fields.map((field) => ({
      name: fieldName(field.name),
      id: `${anchor}-${field.name}`,
      type: field.type,
      label: field.label[language],
      required: field.required,
      value: valueOf(field, current[field.name]),
    })),
  };
}

/**
 * The posted form as the engine's proposal input: the note, and for a written proposal each
 * schema field (empty fields left out, so the engine names the missing required ones; `lines`
 * split one entry per line). A configuration step sends no content: the server takes it.
 */
export function proposalInputOf(
  stepKey: string,
  form: Readonly<Record<string, unknown>>,
): { content?: Record<string, unknown>; note: string | null } {
  const text = (value: unknown): string =>
    typeof value === 'string' ? value.replace(/\r\n/g, '\n').slice(0, MAX_FIELD) : '';
  const note = text(form.note).trim() || null;
  const schema = freeFormSchema(stepKey);
  if (!schema) return { note };
  const content: Record<string, unknown> = {};
  for (const field of schema.fields) {
    const raw = text(form[fieldName(field.name)]).trim();
    if (!raw) continue;
    content[field.name] =
      field.type === 'lines'
        ? raw
            .split('\n')
            .map((line) => line.trim())
            .filter(Boolean)
        : raw;
  }
  return { content, note };
}

/** The label of the schema field a validation error names (`content.summary` → its label). */
export function fieldLabel(stepKey: string, field: string, language: Language): string {
  const name = field.replace(/^content\./, '').replace(/\[\d+\]$/, '');
  return freeFormSchema(stepKey)?.fields.find((f) => f.name === name)?.label[language] ?? name;
}
