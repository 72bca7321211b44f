import { ForbiddenException, ValidationException } from '@app/platform';
import { RolloutError } from '@app/rollout';
import { WorkflowError } from '@app/workflow';
import { renderFlash } from '../session/flash';
import { describePortalError } from './describe-portal-error';
import { formProblem } from '../kit/form-problem';
import { refusalFlash, refusalOf } from './refusal';

describe('refusals on portal pages', () => {
  it('reads status and message from the code, not from the message', () => {
    const refusal = refusalOf(
      new RolloutError('BLOCK_LIST_DUPLICATE', 'This hash is already on the block list', {
        existingId: 'x',
      }),
    );
    expect(refusal).toEqual({
      code: 'BLOCK_LIST_DUPLICATE',
      status: 409,
      messageKey: 'errors.code.BLOCK_LIST_DUPLICATE',
      details: { existingId: 'x' },
    });
    expect(refusalOf(new Error('boom'))).toBeNull();
  });

  it('flashes the code’s message in the reader’s language, and rethrows what is not a refusal', () => {
    const flash = refusalFlash(
      new WorkflowError(
        'ONBOARDING_IN_PROGRESS',
        'This engagement already has an onboarding in progress (#2, …)',
      ),
    );
    expect(renderFlash('en', flash).text).toBe(
      'This engagement already has an onboarding in progress.',
    );
    expect(renderFlash('ja', flash).text).toBe(
      'この契約には進行中のオンボーディングが既にあります。',
    );
    const unknown = new Error('db exploded');
    expect(() => refusalFlash(unknown)).toThrow(unknown);
  });

  it('shows a refused form again with the code’s message; other errors go on to the filter', () => {
    const problemOf = formProblem({ name: 'A' });
    expect(problemOf(new RolloutError('GROUP_OVERLAP', 'x'))).toEqual({
      problem: {
        key: 'conflict',
        messageKey: 'errors.code.GROUP_OVERLAP',
        fields: [],
        values: { name: 'A' },
      },
      status: 409,
    });
    expect(problemOf(new ForbiddenException())?.status).toBe(403);
    expect(
      problemOf(new ValidationException([{ field: 'name', reason: 'is required' }]))?.problem
        .fields,
    ).toHaveLength(1);
    expect(problemOf(new RolloutError('IMPORT_ROWS_INVALID', 'x'))).toBeNull();
    expect(problemOf(new Error('db exploded'))).toBeNull();
  });

  it('gives the error page of a declared refusal its code’s message', () => {
    expect(describePortalError(new WorkflowError('GATE_NOT_READY', 'x'))).toMatchObject({
      status: 409,
      messageKey: 'errors.code.GATE_NOT_READY',
      expected: true,
    });
    expect(describePortalError(new RolloutError('IMPORT_ROWS_INVALID', 'x'))).toMatchObject({
      status: 400,
      messageKey: 'errors.code.IMPORT_ROWS_INVALID',
    });
  });
});
