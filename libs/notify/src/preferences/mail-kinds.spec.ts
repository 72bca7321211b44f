import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAIL_TEMPLATE_NAMES } from '../rendering/mail-templates';
import { kindsOfMail, MAIL_KINDS } from './mail-kinds';
import { isMandatoryKind, NOTIFICATION_KINDS } from './notification-kinds';

/** The mail table of docs/ARCHITECTURE.md "## Notifications": template → kinds named in it. */
function documentedTable(): Map<string, string[]> {
  const doc = readFileSync(join(__dirname, '../../../../docs/ARCHITECTURE.md'), 'utf8');
  const section = doc.slice(doc.indexOf('\n## Notifications'));
  const rows = section
    .slice(0, section.indexOf('\n## ', 1))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^\| `[a-z-]+` \|/.test(line));
  return new Map(
    rows.map((row) => {
      const cells = row.split('|').map((cell) => cell.trim());
      const kinds = [...(cells[3] ?? '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1] as string);
      return [(cells[1] ?? '').replace(/`/g, ''), kinds];
    }),
  );
}

describe('the classification of every mail', () => {
  it('classifies every template, each with known kinds', () => {
    expect(Object.keys(MAIL_KINDS).sort()).toEqual([...MAIL_TEMPLATE_NAMES].sort());
    for (const template of MAIL_TEMPLATE_NAMES)
      for (const kind of kindsOfMail(template)) expect(NOTIFICATION_KINDS).toContain(kind);
  });

  it('is the table in ARCHITECTURE, row for row', () => {
    const table = documentedTable();
    expect([...table.keys()].sort()).toEqual([...MAIL_TEMPLATE_NAMES].sort());
    for (const template of MAIL_TEMPLATE_NAMES)
      expect([template, table.get(template)]).toEqual([template, [...kindsOfMail(template)]]);
  });

  it('keeps sign-in, invitations, password resets and urgent authorisations mandatory', () => {
    for (const template of [
      'welcome-email',
      'password-reset',
      'user-added-notice',
      'signature-code',
      'signature-request',
      'domain-permission',
      'incident-action-approval',
      'incident-escalation',
    ] as const)
      expect([template, kindsOfMail(template).every(isMandatoryKind)]).toEqual([template, true]);
    for (const template of ['detection-notification', 'mode-switch-requested'] as const)
      expect([template, kindsOfMail(template).some(isMandatoryKind)]).toEqual([template, false]);
  });
});
