import { stepView } from '../../../../../test/support/step-view';
import type { OnboardingDetail, StepView } from '@app/workflow';
import { byDueDate, waitingOnViewer } from './waiting-on-you';

function step(overrides: Partial<StepView>): StepView {
  return stepView({ role: 'customer_security_lead', version: 3, ...overrides });
}

const proposal = {
  version: 1,
  kind: 'snapshot' as const,
  contentHash: 'a'.repeat(64),
  content: null,
  note: null,
  submittedAt: new Date(),
  outdated: null,
  links: { html: '', pdf: '', comparison: '' },
};
const proposer = { party: 'provider' as const, role: 'provider_lead' };

function detail(steps: StepView[]): OnboardingDetail {
  return { id: 'o1', customerName: 'Sakura', providerName: 'MDR', steps } as OnboardingDetail;
}

describe('waitingOnViewer', () => {
  it('lists open steps the viewer completes, with the button, and proposals to decide, with their page', () => {
    const items = waitingOnViewer(
      'en',
      detail([
        step({ key: 'task', actions: ['complete'] }),
        step({
          key: 'approval',
          type: 'approval',
          proposer,
          proposal,
          actions: ['approve', 'reject', 'reopen'],
        }),
        step({ key: 'theirs', actions: [] }),
        step({ key: 'done', state: 'done', actions: ['reopen'] }),
      ]),
    );
    // A proposal is never approved blind from the list: it links to the page with the document.
    expect(items.map((i) => [i.stepKey, i.kind, i.button])).toEqual([
      ['task', 'act', 'complete'],
      ['approval', 'act', null],
    ]);
    expect(items[1]).toMatchObject({
      href: '/onboardings/o1#step-approval',
      place: {
        href: '/onboardings/o1/steps/approval/proposals/1',
        labelKey: 'proposals.card.decide',
      },
      proposal: { version: 1, shortHash: 'aaaaaaaaaaaa' },
      version: 3,
    });
  });

  it('gives an approval with nothing proposed to its proposer, not its approver', () => {
    const approver = waitingOnViewer(
      'en',
      detail([step({ type: 'approval', proposer, actions: ['approve', 'reject'] })]),
    );
    expect(approver).toEqual([]);
    const proposing = waitingOnViewer(
      'en',
      detail([
        step({ key: 'new', type: 'approval', proposer, actions: ['propose'] }),
        step({
          key: 'rejected',
          type: 'approval',
          proposer,
          proposal,
          state: 'rejected',
          actions: ['propose'],
        }),
        step({
          key: 'approved',
          type: 'approval',
          proposer,
          proposal,
          state: 'done',
          actions: ['propose'],
        }),
      ]),
    );
    expect(proposing.map((i) => [i.stepKey, i.kind, i.button])).toEqual([
      ['new', 'propose', null],
      ['rejected', 'propose', null],
    ]);
  });

  it('gives a stale approval whose snapshot is out of date to the proposer, not the approver', () => {
    const outdated = {
      ...proposal,
      outdated: { en: 'Group “Office”: Quarantine (No → Yes)', ja: 'x', zh: 'x' },
    };
    const approver = waitingOnViewer(
      'en',
      detail([
        step({
          type: 'approval',
          state: 'stale',
          proposer,
          proposal: outdated,
          actions: ['approve', 'reject'],
        }),
      ]),
    );
    expect(approver).toEqual([]);
    const proposing = waitingOnViewer(
      'en',
      detail([
        step({
          key: 'design',
          type: 'approval',
          state: 'stale',
          proposer,
          proposal: outdated,
          actions: ['propose'],
        }),
      ]),
    );
    expect(proposing.map((i) => [i.stepKey, i.kind, i.reason])).toEqual([
      [
        'design',
        'propose',
        'What was approved changed: Group “Office”: Quarantine (No → Yes). It needs a new proposal and approval.',
      ],
    ]);
  });

  it('orders by due date', () => {
    const items = waitingOnViewer(
      'en',
      detail([
        step({ key: 'later', dueAt: new Date('2027-05-01'), actions: ['complete'] }),
        step({ key: 'sooner', dueAt: new Date('2027-03-01'), actions: ['complete'] }),
      ]),
    ).sort(byDueDate);
    expect(items.map((i) => i.stepKey)).toEqual(['sooner', 'later']);
  });

  it('lists steps decided elsewhere for their assignees, with the exact place to act', () => {
    const assignee = { id: 'u-lead', displayName: 'Lead', email: 'l@x.example' };
    const withEngagement = {
      ...detail([
        step({
          key: 'domain_authorisation_signature',
          type: 'signature',
          decidedIn: 'a signature request',
          assignees: [assignee],
          actions: [],
        }),
        step({
          key: 'domain_permission_email',
          type: 'email_confirmation',
          decidedIn: 'a domain-permission email',
          assignees: [assignee],
          actions: [],
        }),
        step({
          key: 'service_agreement',
          type: 'approval',
          decidedIn: 'the service agreement',
          assignees: [assignee],
          actions: [],
        }),
        step({
          key: 'incident_runbook',
          state: 'blocked',
          type: 'approval',
          decidedIn: 'the incident runbook',
          assignees: [assignee],
          actions: [],
        }),
        step({
          key: 'peacetime_runbook',
          type: 'approval',
          decidedIn: 'the peacetime runbook',
          assignees: [],
          actions: [],
        }),
      ]),
      engagementId: 'e1',
    } as OnboardingDetail;
    const items = waitingOnViewer('en', withEngagement, 'u-lead');
    expect(items.map((i) => [i.stepKey, i.kind, i.button, i.place?.href])).toEqual([
      ['domain_authorisation_signature', 'act', null, '/onboardings/o1/signatures'],
      ['domain_permission_email', 'act', null, '/onboardings/o1/domain-confirmations'],
      ['service_agreement', 'act', null, '/engagements/e1/documents#doc-agreement'],
    ]);
    expect(waitingOnViewer('en', withEngagement, 'someone-else')).toEqual([]);
    expect(waitingOnViewer('en', withEngagement)).toEqual([]);
  });
});
