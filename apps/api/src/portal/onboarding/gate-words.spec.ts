import { stepView } from '../../../../../test/support/step-view';
import type { GateBlocker, OnboardingDetail, StepView } from '@app/workflow';
import { gateWords, waitReason, whoText } from './gate-words';

function step(overrides: Partial<StepView>): StepView {
  return stepView(overrides);
}

function blocker(title: string, state: GateBlocker['state'], overdue = false): GateBlocker {
  return {
    stepKey: title.toLowerCase(),
    title,
    type: 'task',
    state,
    waitingOn: { party: 'customer', role: 'customer_it', users: [] },
    dueAt: '2027-04-01T00:00:00.000Z',
    overdue,
    reason: 'English reason',
    failedCheck: false,
  };
}

const names = { customerName: 'Sakura Manufacturing', providerName: 'Example MDR' };

describe('gateWords', () => {
  it('says why the service cannot start, grouped by state', () => {
    const words = gateWords('en', {
      status: 'in_progress',
      serviceStartedAt: null,
      gate: {
        ready: false,
        blockers: [
          blocker('Inventory', 'open', true),
          blocker('Requirements', 'open'),
          blocker('Agreement', 'rejected'),
          blocker('Runbook', 'blocked'),
          blocker('Signature', 'blocked'),
        ],
      },
    });
    expect(words).toEqual({
      ready: false,
      started: false,
      headline: 'The service cannot start yet: 5 required steps are not complete.',
      lines: [
        'Open now (2): Inventory, Requirements.',
        'Rejected and waiting for a revision (1): Agreement.',
        'Waiting for other steps to finish first: 2.',
        'Past their due date: 1.',
      ],
    });
  });

  it('speaks the viewer language and counts one step as one', () => {
    const gate = { ready: false, blockers: [blocker('端末', 'open')] };
    expect(gateWords('en', { status: 'in_progress', serviceStartedAt: null, gate }).headline).toBe(
      'The service cannot start yet: 1 required step is not complete.',
    );
    expect(gateWords('ja', { status: 'in_progress', serviceStartedAt: null, gate }).lines).toEqual([
      '対応待ち（1 件）：端末。',
    ]);
  });

  it('says ready, or when the service started', () => {
    const ready = { ready: true, blockers: [] };
    expect(gateWords('zh', { status: 'in_progress', serviceStartedAt: null, gate: ready })).toEqual(
      {
        ready: true,
        started: false,
        headline: '可以启动：所有必需步骤均已完成或豁免。',
        lines: [],
      },
    );
    const started = gateWords('en', {
      status: 'active',
      serviceStartedAt: new Date('2027-06-01T09:30:00Z'),
      gate: ready,
    });
    expect(started.headline).toBe('The service started on 1 Jun 2027, 09:30 UTC.');
  });
});

describe('waitReason', () => {
  const steps = [
    step({ key: 'inventory', title: 'Inventory', state: 'open' }),
    step({ key: 'survey', title: 'Survey', state: 'done' }),
    step({ key: 'plan', title: 'Plan', state: 'blocked', dependsOn: ['inventory', 'survey'] }),
  ];
  const detail = { ...names, steps };

  it('names the unsettled steps a blocked one waits for', () => {
    expect(waitReason('en', detail, steps[2])).toBe('Waiting for: Inventory.');
  });

  it('says whose proposal an approval waits for, and which version waits for approval', () => {
    const approval = step({
      type: 'approval',
      proposer: { party: 'provider', role: 'provider_lead' },
    });
    expect(waitReason('en', detail, approval)).toBe(
      'Waiting for a proposal from the MDR provider lead at Example MDR.',
    );
    const proposed = {
      ...approval,
      proposal: {
        version: 2,
        kind: 'snapshot' as const,
        contentHash: 'abc',
        content: null,
        note: null,
        submittedAt: new Date(),
        outdated: null,
        links: { html: '', pdf: '', comparison: '' },
      },
    };
    expect(waitReason('ja', detail, proposed)).toBe('提案（第 2 版）の承認を待っています。');
    const outdated = {
      ...proposed,
      proposal: {
        ...proposed.proposal,
        outdated: {
          en: 'Site Tokyo: Link (100 Mbps → 50 Mbps)',
          ja: '拠点 Tokyo：回線帯域（100 Mbps → 50 Mbps）',
          zh: 'x',
        },
      },
    };
    expect(waitReason('en', detail, outdated)).toBe(
      'The configuration changed after version 2 was taken (Site Tokyo: Link (100 Mbps → 50 Mbps)). Waiting for the MDR provider lead at Example MDR to propose the current plan.',
    );
    expect(waitReason('ja', detail, { ...outdated, state: 'stale' })).toBe(
      '承認済みの内容が変更されました：拠点 Tokyo：回線帯域（100 Mbps → 50 Mbps）。新しい提案と承認が必要です。',
    );
  });

  it('quotes the rejecter and explains a stale approval', () => {
    expect(waitReason('en', detail, step({ state: 'rejected', reason: 'too expensive' }))).toBe(
      'Rejected: too expensive. Waiting for a revised proposal.',
    );
    expect(waitReason('zh', detail, step({ state: 'stale', type: 'approval' }))).toBe(
      '已审批的内容发生了变更，需要重新审批。',
    );
  });

  it('names a party by its organisation', () => {
    expect(whoText('ja', names as OnboardingDetail, 'customer', 'customer_it')).toBe(
      'Sakura Manufacturing の各国 IT 担当者',
    );
  });
});
