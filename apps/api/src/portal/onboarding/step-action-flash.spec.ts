import { DomainException, ForbiddenException, NotFoundException } from '@app/platform';
import { renderFlash } from '../session/flash';
import { stepErrorFlash, stepSuccessFlash } from './step-action-flash';

const step = {
  key: 'communication_language',
  title: 'Agree the communication language',
  state: 'open' as const,
  type: 'approval' as const,
  version: 3,
  proposal: null,
};

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

  it('explains a conflict from the step as it is now', () => {
    const conflict = new DomainException('CONFLICT', 'Step x is done; this needs it to be open');
    expect(stepErrorFlash(conflict, 'approve', step, 2).key).toBe('error.changed');
    expect(stepErrorFlash(conflict, 'approve', step, 3).key).toBe('error.nothingProposed');
    const done = { ...step, state: 'done' as const };
    const wrongState = stepErrorFlash(conflict, 'reject', done, undefined);
    expect(wrongState.key).toBe('error.wrongState');
    expect(renderFlash('en', wrongState).text).toBe(
      'You cannot reject “Agree the communication language” now: its state is “Done”.',
    );
    expect(renderFlash('zh', wrongState).text).toBe(
      '“Agree the communication language”当前状态为“已完成”，无法驳回。',
    );
  });

  it('maps the other codes without showing the English domain message', () => {
    const forbidden = stepErrorFlash(
      new ForbiddenException('for customer_it'),
      'complete',
      step,
      3,
    );
    expect(renderFlash('en', forbidden).text).toBe(
      'You are not allowed to complete “Agree the communication language”.',
    );
    expect(renderFlash('en', forbidden).text).not.toContain('customer_it');
    expect(stepErrorFlash(new NotFoundException('Step x'), 'approve', step, 3).key).toBe(
      'error.stepNotFound',
    );
    expect(stepErrorFlash(new DomainException('BAD_REQUEST', 'x'), 'complete', step, 3).key).toBe(
      'error.notApplicable',
    );
  });
});
