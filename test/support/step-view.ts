import type { StepView } from '@app/workflow';

/** A StepView for unit specs of pages built on the workflow's view: an open customer task. */
export function stepView(overrides: Partial<StepView> = {}): StepView {
  return {
    key: 'k',
    title: 'T',
    description: '',
    type: 'task',
    phase: 'introduction',
    area: 'mdr_service',
    party: 'customer',
    role: 'customer_it',
    proposer: null,
    decidedIn: null,
    proposes: null,
    assignees: [],
    state: 'open',
    dependsOn: [],
    requiredForStart: true,
    waivable: false,
    dueAt: new Date('2027-04-01T00:00:00Z'),
    overdue: false,
    reason: null,
    actedBy: null,
    actedAt: null,
    contentHash: null,
    version: 1,
    proposal: null,
    actions: [],
    evidence: null,
    completion: null,
    completionBlockers: [],
    ...overrides,
  };
}
