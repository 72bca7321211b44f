import type { RunbookStep } from '@app/agreements';
import {
  canMoveTo,
  isLate,
  neverTouchHit,
  slaDeadlines,
  stepsForSeverity,
  taskDueAt,
} from './incident-rules';
import type { IncidentStatus } from './incident-vocabulary';

const start = new Date('2026-03-02T00:00:00Z');
const deadlines = slaDeadlines(start, {
  acknowledgeMinutes: 15,
  respondMinutes: 60,
  channel: 'phone',
});
const plus = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();

describe('incident rules', () => {
  it.each<[IncidentStatus, IncidentStatus, boolean]>([
    ['new', 'triaged', true],
    ['new', 'contained', true],
    ['triaged', 'new', false],
    ['contained', 'contained', false],
    ['resolved', 'closed', true],
    ['resolved', 'triaged', true],
    ['closed', 'triaged', false],
    ['closed', 'resolved', false],
  ])('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canMoveTo(from, to)).toBe(allowed);
  });

  it('counts the SLA deadlines from the start', () => {
    expect(deadlines.acknowledgeDueAt.toISOString()).toBe(plus(15));
    expect(deadlines.respondDueAt.toISOString()).toBe(plus(60));
    expect(isLate(new Date(plus(15)), deadlines.acknowledgeDueAt)).toBe(false);
    expect(
      isLate(new Date(plus(15).replace('00.000Z', '01.000Z')), deadlines.acknowledgeDueAt),
    ).toBe(true);
  });

  it.each<[string, string]>([
    ['Within 30 minutes of the detection', plus(30)],
    ['within 2 hours', plus(120)],
    ['30 分以内に連絡', plus(30)],
    ['2 時間以内', plus(120)],
    ['45 分钟内完成', plus(45)],
    ['1 小时内', plus(60)],
    ['Acknowledge within the critical SLA', plus(15)],
    ['「緊急」の SLA 時間内に受付', plus(15)],
    ['在“严重”级别的 SLA 时限内确认', plus(15)],
    ['Within the SLA response time', plus(60)],
    ['Within 10 business days of closing', plus(60)],
    ['Every 2 hours for critical', plus(60)],
    ['As agreed on the incident call', plus(60)],
  ])('a step timed "%s" is due at %s', (timing, due) => {
    expect(taskDueAt(timing, start, deadlines).toISOString()).toBe(due);
  });

  it('takes the steps for the severity and the steps for every severity, never scheduled ones', () => {
    const step = (key: string, extra: Partial<RunbookStep>): RunbookStep => ({
      key,
      title: key,
      category: 'triage',
      owner: { party: 'provider', role: 'provider_analyst' },
      timing: 'x',
      actions: ['x'],
      trigger: 't',
      ...extra,
    });
    const steps = [
      step('triage_critical', { severity: 'critical' }),
      step('triage_low', { severity: 'low' }),
      step('notice', { category: 'communication' }),
      step('report', { trigger: undefined, schedule: { frequency: 'monthly' } }),
    ];
    expect(stepsForSeverity(steps, 'critical').map((s) => s.key)).toEqual([
      'triage_critical',
      'notice',
    ]);
    expect(stepsForSeverity(steps, 'medium').map((s) => s.key)).toEqual(['notice']);
  });

  it.each<[string, 'host' | 'group' | undefined, string | null]>([
    ['SK-ERP-DB01', undefined, 'sk-erp-db01'],
    [' sk-erp-db01 ', 'host', 'sk-erp-db01'],
    ['sk-erp-db01', 'group', null],
    ['production line controllers', 'group', 'Production line controllers'],
    ['sk-web01', undefined, null],
  ])('target %p (%p) hits never-touch %p', (name, type, hit) => {
    const neverTouch = [
      { type: 'group' as const, name: 'Production line controllers', reason: 'OT' },
      { type: 'host' as const, name: 'sk-erp-db01' },
    ];
    expect(neverTouchHit(neverTouch, { type, name })?.name ?? null).toBe(hit);
  });
});
