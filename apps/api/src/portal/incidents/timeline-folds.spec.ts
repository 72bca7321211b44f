import { foldTimeline, TimelineLine } from './timeline-folds';

const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 9, minute));
const line = (type: string, minute: number, who: string | null = null): TimelineLine => ({
  type,
  who,
  at: at(minute),
});

describe('foldTimeline', () => {
  it('folds consecutive events of one type into one run, keeping the order', () => {
    const runs = foldTimeline([
      line('opened', 0, 'Lead'),
      ...Array.from({ length: 11 }, (_, i) => line('task_created', 1 + i)),
      line('escalation_notified', 20),
      line('task_created', 21),
    ]);
    expect(runs.map((r) => [r.type, r.count, r.folded])).toEqual([
      ['opened', 1, false],
      ['task_created', 11, true],
      ['escalation_notified', 1, false],
      ['task_created', 1, false],
    ]);
    expect(runs[1].first.at).toEqual(at(1));
    expect(runs[1].last.at).toEqual(at(11));
    expect(runs[1].events).toHaveLength(11);
  });

  it('does not fold the same type across another event, and an empty timeline has no runs', () => {
    expect(
      foldTimeline([
        line('task_completed', 0),
        line('status_changed', 1),
        line('task_completed', 2),
      ]).map((r) => r.count),
    ).toEqual([1, 1, 1]);
    expect(foldTimeline([])).toEqual([]);
  });
});
