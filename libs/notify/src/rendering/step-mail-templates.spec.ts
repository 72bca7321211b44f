import { MailRenderer } from './mail-renderer';
import {
  ApprovalStaleModel,
  ProposalOutdatedModel,
  StepEscalationModel,
  StepOpenedModel,
  StepReminderModel,
} from './mail-templates';

const base = {
  displayName: '佐藤 花子',
  customerName: 'Sakura <Manufacturing>',
  stepTitle: 'MDRサービス要件の整理',
  dueDate: '2027年3月1日',
  link: 'https://portal.example/onboardings/0b5e0a4e-1111-4222-8333-944445555666',
};
const opened: StepOpenedModel = {
  ...base,
  stepDescription: 'Describe & decide',
  roleLabel: 'セキュリティ責任者',
  overdue: false,
  stale: false,
};
const reminder: StepReminderModel = {
  ...base,
  roleLabel: 'Security lead',
  reminderNumber: 2,
  overdue: true,
  days: 4,
  plural: true,
};
const escalation: StepEscalationModel = {
  ...base,
  engagementName: 'Sakura MDR',
  partyName: 'Sakura',
  roleLabel: 'Country IT staff',
  waitingOnNames: '鈴木 一郎、王 伟',
  overdueDays: 0,
  plural: true,
};
const stale: ApprovalStaleModel = {
  ...base,
  approvedOn: null,
  changes: null,
  awaitedProposer: null,
};

const awaiting: ApprovalStaleModel = {
  ...stale,
  awaitedProposer: { role: 'Lead & analyst', organisation: 'Example MDR' },
};
const outdated: ProposalOutdatedModel = {
  ...base,
  roleLabel: 'Lead & analyst',
  approvedOn: null,
  changes: null,
};

describe('workflow step mails', () => {
  const renderer = new MailRenderer();
  const languages = ['ja', 'en', 'zh'] as const;

  it.each(languages)(
    'renders every step mail in %s, with the link, escaped in HTML',
    (language) => {
      const mails = [
        renderer.render('step-opened', language, opened),
        renderer.render('step-reminder', language, reminder),
        renderer.render('step-escalation', language, escalation),
        renderer.render('approval-stale', language, stale),
        renderer.render('approval-stale', language, awaiting),
        renderer.render('proposal-outdated', language, outdated),
      ];
      for (const mail of mails) {
        expect(mail.language).toBe(language);
        expect(mail.subject).toContain(base.stepTitle);
        expect(mail.subject).toContain('Sakura <Manufacturing>');
        expect(mail.text).toContain(base.link);
        expect(mail.html).toContain(`href="${base.link}"`);
        expect(mail.html).toContain('Sakura &lt;Manufacturing&gt;');
        expect(mail.text.replaceAll('Sakura <Manufacturing>', '')).not.toMatch(/<[a-z]/i);
        expect(mail.text).not.toMatch(/\n{3,}/);
      }
      expect(new Set(mails.map((m) => m.subject)).size).toBe(6);
    },
  );

  it("uses each language's own wording", () => {
    expect(renderer.render('step-opened', 'ja', opened).subject).toBe(
      '【ご対応のお願い】MDRサービス要件の整理（Sakura <Manufacturing>）',
    );
    expect(renderer.render('step-opened', 'en', opened).subject).toBe(
      'Action needed: MDRサービス要件の整理 (Sakura <Manufacturing>)',
    );
    expect(renderer.render('step-opened', 'zh', opened).subject).toBe(
      '【待您处理】MDRサービス要件の整理（Sakura <Manufacturing>）',
    );
    expect(renderer.render('step-reminder', 'en', reminder).text).toContain(
      'is now 4 days overdue',
    );
    expect(renderer.render('step-reminder', 'ja', reminder).text).toContain('を4日過ぎています');
    expect(renderer.render('step-reminder', 'zh', reminder).text).toContain('现已逾期 4 天');
  });

  it('words the timing of a reminder before, on and after the due date', () => {
    const en = (m: Partial<StepReminderModel>) =>
      renderer.render('step-reminder', 'en', { ...reminder, ...m }).text;
    expect(en({ overdue: false, days: 2 })).toContain('in 2 days');
    expect(en({ overdue: false, days: 1, plural: false })).toContain('in 1 day.');
    expect(en({ overdue: false, days: 0 })).toContain('It is due today');
    expect(
      renderer.render('step-reminder', 'ja', { ...reminder, overdue: false, days: 2 }).text,
    ).toContain('（あと2日）');
  });

  it('says a stale step needs a new approval', () => {
    expect(renderer.render('step-opened', 'en', { ...opened, stale: true }).subject).toMatch(
      /^Approval needed again:/,
    );
    expect(renderer.render('step-opened', 'ja', { ...opened, stale: true }).subject).toMatch(
      /^【再承認のお願い】/,
    );
  });

  it('names who an escalation waits on and how overdue it is', () => {
    const ja = renderer.render('step-escalation', 'ja', escalation).text;
    expect(ja).toContain('対応待ち：Sakura のCountry IT staff（鈴木 一郎、王 伟）');
    expect(ja).toContain('超過日数：1日未満');
    const en = renderer.render('step-escalation', 'en', {
      ...escalation,
      overdueDays: 3,
      waitingOnNames: null,
    }).text;
    expect(en).toContain('Waiting on: Sakura, Country IT staff\n');
    expect(en).toContain('Overdue by: 3 days');
  });

  it('tells an approver waiting for a new proposal that nothing is asked of them yet', () => {
    const en = renderer.render('approval-stale', 'en', { ...awaiting, approvedOn: '1 March 2027' });
    expect(en.subject).toBe(
      'Your approval no longer applies: MDRサービス要件の整理 (Sakura <Manufacturing>)',
    );
    expect(en.text).toContain('on 1 March 2027. What you approved has changed since');
    expect(en.text).toContain(
      'once the Lead & analyst at Example MDR has proposed the updated plan, you will be asked to approve it',
    );
    expect(en.text).not.toMatch(/approve it again|reject it/);
    expect(en.html).toContain('<strong>Lead &amp; analyst at Example MDR</strong>');
    expect(en.html).not.toContain('Review the current version');
    const ja = renderer.render('approval-stale', 'ja', awaiting);
    expect(ja.subject).toMatch(/^【承認の失効】/);
    expect(ja.text).not.toContain('再度ご承認');
    // Without a proposer to wait for, the approver is asked to decide again, as before.
    expect(renderer.render('approval-stale', 'en', stale).text).toContain(
      'Please review the current version and approve it again, or reject it with a reason',
    );
  });

  it('asks the proposer to propose the current plan, saying what changed', () => {
    const en = renderer.render('proposal-outdated', 'en', {
      ...outdated,
      approvedOn: '1 March 2027',
      changes: 'Site Tokyo: Link (100 Mbps → 70 Mbps)',
    });
    expect(en.subject).toBe(
      'Please propose the current plan again: MDRサービス要件の整理 (Sakura <Manufacturing>)',
    );
    expect(en.text).toContain('approved "MDRサービス要件の整理" on 1 March 2027');
    expect(en.text).toContain('What changed: Site Tokyo: Link (100 Mbps → 70 Mbps)');
    expect(en.text).toContain(
      'As Lead & analyst, please review the current plan and propose it again',
    );
    expect(renderer.render('proposal-outdated', 'ja', outdated).subject).toMatch(
      /^【再提案のお願い】/,
    );
    expect(renderer.render('proposal-outdated', 'zh', outdated).text).toContain('重新提交提案');
  });

  it('mentions when the approval was given, if known', () => {
    expect(
      renderer.render('approval-stale', 'en', { ...stale, approvedOn: '1 March 2027' }).text,
    ).toContain('on 1 March 2027');
    expect(
      renderer.render('approval-stale', 'zh', { ...stale, approvedOn: '2027年3月1日' }).text,
    ).toContain('您于 2027年3月1日 在');
  });

  it('says what changed in the approved configuration, when it is known', () => {
    const changes = 'Group “Office PCs”: Quarantine (No → Yes)';
    expect(renderer.render('approval-stale', 'en', { ...stale, changes }).text).toContain(
      `What changed: ${changes}`,
    );
    expect(
      renderer.render('approval-stale', 'ja', { ...stale, changes: 'グループ「事務用PC」' }).html,
    ).toContain('変更点：<strong>グループ「事務用PC」</strong>');
    expect(renderer.render('approval-stale', 'en', stale).text).not.toContain('What changed');
  });
});
