import { sampleAgreement } from '../../../../test/agreements/support/fixtures';
import { compareContent } from './compare';
import { defaultRunbook } from './default-runbooks';

describe('compareContent', () => {
  it('finds nothing between equal content', () => {
    expect(compareContent(sampleAgreement(), sampleAgreement())).toEqual([]);
  });

  it('lists each changed leaf with its path, before and after', () => {
    const before = sampleAgreement();
    const after = sampleAgreement();
    after.sla.critical.acknowledgeMinutes = 10;
    after.escalationContacts[1].email = 'cn-soc@sakura.example';
    after.communication.otherLanguages = ['en', 'zh'];
    after.responseAuthorisation.isolate_host = { mode: 'notify' };
    expect(compareContent(before, after)).toEqual([
      { path: 'sla.critical.acknowledgeMinutes', before: 15, after: 10 },
      { path: 'responseAuthorisation.isolate_host.mode', before: 'collaborate', after: 'notify' },
      { path: 'responseAuthorisation.isolate_host.timeoutMinutes', before: 30, after: null },
      { path: 'responseAuthorisation.isolate_host.fallback', before: 'act', after: null },
      { path: 'communication.otherLanguages', before: ['en'], after: ['en', 'zh'] },
      {
        path: 'escalationContacts[1].email',
        before: 'it-cn@sakura.example',
        after: 'cn-soc@sakura.example',
      },
    ]);
  });

  it('reports added and removed array elements whole', () => {
    const before = sampleAgreement();
    const after = sampleAgreement();
    const removed = after.escalationContacts.pop();
    expect(compareContent(before, after)).toEqual([
      { path: 'escalationContacts[1]', before: removed, after: null },
    ]);
    expect(compareContent(after, before)).toEqual([
      { path: 'escalationContacts[1]', before: null, after: removed },
    ]);
  });

  it('matches runbook steps by key, so inserting a step does not shift the others', () => {
    const before = defaultRunbook('peacetime_runbook', 'en');
    const after = defaultRunbook('peacetime_runbook', 'en');
    const inserted = {
      ...after.steps[0],
      key: 'weekly_threat_brief',
      title: 'Weekly threat brief',
    };
    after.steps.unshift(inserted);
    after.steps[5].timing = 'By the 3rd business day of the following month';
    expect(compareContent(before, after)).toEqual([
      {
        path: 'steps[key=monthly_report].timing',
        before: 'By the 5th business day of the following month',
        after: after.steps[5].timing,
      },
      { path: 'steps[key=weekly_threat_brief]', before: null, after: inserted },
    ]);
  });

  it('reports a reordering of keyed steps', () => {
    const before = defaultRunbook('peacetime_runbook', 'en');
    const after = defaultRunbook('peacetime_runbook', 'en');
    after.steps.reverse();
    const changes = compareContent(before, after);
    expect(changes).toHaveLength(1);
    expect(changes[0].path).toBe('steps[*].order');
  });
});
