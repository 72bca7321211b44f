import { DomainException, ForbiddenException, NotFoundException } from '@app/platform';
import { WorkflowError } from '@app/workflow';
import { renderFlash } from '../session/flash';
import { stepErrorFlash, stepSuccessFlash } from './step-action-flash';

const step = { key: 'communication_language', title: 'Agree the communication language' };

describe('step action flashes', () => {
  it('says what was done, translated', () => {
    const flash = stepSuccessFlash('approve', step);
    expect(renderFlash('en', flash)).toEqual({
      kind: 'success',
      text: 'You approved “Agree the communication language”.',
      stepAnchor: 'step-communication_language',
    });
    expect(renderFlash('ja', flash).text).toBe(
      '「Agree the communication language」を承認しました。',
    );
  });

  it('explains a refusal from its code alone', () => {
    expect(stepErrorFlash(new WorkflowError('STEP_CHANGED', 'x'), 'approve', step).key).toBe(
      'error.changed',
    );
    expect(stepErrorFlash(new WorkflowError('NOTHING_PROPOSED', 'x'), 'approve', step).key).toBe(
      'error.nothingProposed',
    );
    expect(stepErrorFlash(new WorkflowError('APPROVAL_STALE', 'x'), 'approve', step).key).toBe(
      'error.proposalOutdated',
    );
    const wrongState = stepErrorFlash(
      new WorkflowError('STEP_WRONG_STATE', 'Step x is done', { state: 'done' }),
      'reject',
      step,
    );
    expect(wrongState.key).toBe('error.wrongState');
    expect(renderFlash('en', wrongState).text).toBe(
      'You cannot reject “Agree the communication language” now: its state is “Done”.',
    );
    expect(renderFlash('zh', wrongState).text).toBe(
      '“Agree the communication language”当前状态为“已完成”，无法驳回。',
    );
  });

  it('gives any other declared code its own message, in the reader language', () => {
    const elsewhere = stepErrorFlash(
      new WorkflowError('STEP_DECIDED_ELSEWHERE', 'Step x is decided in documents'),
      'complete',
      step,
    );
    expect(elsewhere).toMatchObject({
      key: 'errors.code.STEP_DECIDED_ELSEWHERE',
      stepKey: step.key,
    });
    expect(renderFlash('ja', elsewhere).text).toContain('専用のページ');
    expect(renderFlash('en', elsewhere).text).not.toContain('documents');
  });

  it('maps the other codes without showing the English domain message', () => {
    const forbidden = stepErrorFlash(new ForbiddenException('for customer_it'), 'complete', step);
    expect(renderFlash('en', forbidden).text).toBe(
      'You are not allowed to complete “Agree the communication language”.',
    );
    expect(renderFlash('en', forbidden).text).not.toContain('customer_it');
    expect(stepErrorFlash(new NotFoundException('Step x'), 'approve', step).key).toBe(
      'error.stepNotFound',
    );
    expect(
      stepErrorFlash(new WorkflowError('STEP_ACTION_NOT_APPLICABLE', 'x'), 'complete', step).key,
    ).toBe('error.notApplicable');
    expect(
      stepErrorFlash(new DomainException('VALIDATION_FAILED', 'x'), 'complete', step).key,
    ).toBe('error.invalid');
  });
});
