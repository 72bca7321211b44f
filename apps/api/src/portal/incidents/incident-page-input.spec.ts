import {
  incidentDoneKey,
  incidentsPath,
  nextStatuses,
  queueOrder,
  slaState,
} from './incident-page-input';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

describe('incident page input', () => {
  it.each([
    ['stopped before the deadline', at(10), false, at(30), 'met'],
    ['stopped exactly at the deadline', at(15), false, at(30), 'met'],
    ['stopped after the deadline', at(16), false, at(30), 'breached'],
    ['running before the deadline', null, false, at(14), 'running'],
    ['running past the deadline', null, false, at(16), 'breached'],
    ['a recorded breach wins', at(10), true, at(30), 'breached'],
  ] as const)('slaState: %s', (_name, stopped, breach, now, expected) => {
    expect(slaState(at(15), stopped, breach, now)).toBe(expected);
  });

  it('orders the queue: open first, then severity, then newest', () => {
    const rows = [
      { id: 'closed-critical', status: 'closed', severity: 'critical', startedAt: at(5) },
      { id: 'low-new', status: 'new', severity: 'low', startedAt: at(9) },
      { id: 'high-old', status: 'triaged', severity: 'high', startedAt: at(1) },
      { id: 'high-new', status: 'contained', severity: 'high', startedAt: at(2) },
      { id: 'resolved-low', status: 'resolved', severity: 'low', startedAt: at(8) },
    ] as const;
    expect([...rows].sort(queueOrder).map((r) => r.id)).toEqual([
      'high-new',
      'high-old',
      'low-new',
      'closed-critical',
      'resolved-low',
    ]);
  });

  it.each([
    ['new', ['triaged', 'contained', 'resolved', 'closed']],
    ['contained', ['resolved', 'closed']],
    ['resolved', ['triaged', 'closed']],
    ['closed', []],
  ] as const)('nextStatuses from %s', (from, expected) => {
    expect(nextStatuses(from)).toEqual(expected);
  });

  it.each([
    [{ done: 'opened' }, 'incidentPages.done.opened'],
    [{ done: 'approved' }, 'incidentPages.done.approved'],
    [{ done: 'nonsense' }, null],
    [{ done: ['opened'] }, null],
    [{}, null],
  ])('incidentDoneKey(%j)', (query, expected) => {
    expect(incidentDoneKey(query)).toBe(expected);
  });

  it('builds the paths', () => {
    expect(incidentsPath('e')).toBe('/engagements/e/incidents');
    expect(incidentsPath('e', 'i', 'task')).toBe('/engagements/e/incidents/i?done=task');
  });
});
