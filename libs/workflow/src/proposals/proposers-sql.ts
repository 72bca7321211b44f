import type { TemplateDefinition } from '../templates/template.types';

/**
 * The proposers of every loaded template's approval steps as an SQL table (templates are code,
 * fixed for the process): the gate names the proposer's users while a proposal is awaited, and
 * the progress verification counts such a step as waiting on the proposer. No `::` casts: the
 * gate's `:name` parameters are made positional by a regex.
 */
export function proposersSql(
  templates: readonly TemplateDefinition[],
  /** Steps decided through another feature (an agreement, a runbook): proposed there, not here. */
  decidedElsewhere: (stepKey: string) => boolean = () => false,
): string {
  const quote = (text: string | number) => `'${String(text).replace(/'/g, "''")}'`;
  const rows = templates.flatMap((t) =>
    t.steps
      .filter((s) => s.type === 'approval' && s.proposer && !decidedElsewhere(s.key))
      .map(
        (s) =>
          `(${quote(t.key)}, ${t.version}, ${quote(s.key)}, ${quote(s.proposer?.party ?? '')}, ${quote(s.proposer?.role ?? '')})`,
      ),
  );
  return rows.length === 0
    ? `SELECT CAST(NULL AS text) AS template_key, CAST(NULL AS int) AS template_version, CAST(NULL AS text) AS step_key, CAST(NULL AS text) AS party, CAST(NULL AS text) AS role WHERE FALSE`
    : `SELECT * FROM (VALUES ${rows.join(', ')}) v(template_key, template_version, step_key, party, role)`;
}
