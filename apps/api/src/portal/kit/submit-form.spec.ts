import { IdentityError } from '@app/identity';
import { IncidentsError } from '@app/incidents';
import {
  DomainException,
  ForbiddenException,
  NotFoundException,
  ValidationException,
} from '@app/platform';
import { RolloutError } from '@app/rollout';
import { FLASHED, flashRefusal } from './flash-refusal';
import { formProblem, namedFormProblem } from './form-problem';
import { refusedByCode, refusedWithMessage } from './refused-by-code';
import { FormOutcome, submitForm } from './submit-form';

/** An outcome that records how the form ended. */
function recorder<R, P>(reads: FormOutcome<R, P>['reads']) {
  const ended: { done?: R; refused?: { problem: P; status: number } } = {};
  const outcome: FormOutcome<R, P> = {
    reads,
    refused: (problem, status) => {
      ended.refused = { problem, status };
      return Promise.resolve();
    },
    done: (result) => {
      ended.done = result;
      return Promise.resolve();
    },
  };
  return { ended, outcome };
}

describe('submitForm', () => {
  it('ends a taken form with done, given what the action returned', async () => {
    const { ended, outcome } = recorder(formProblem({ name: 'A' }));
    await submitForm(() => Promise.resolve({ id: 7 }), outcome);
    expect(ended).toEqual({ done: { id: 7 } });
  });

  it('shows a refused form again with the typed values and the status of its code', async () => {
    const { ended, outcome } = recorder(formProblem({ name: 'A', _unused: 'x' }));
    await submitForm(
      () => Promise.reject(new ValidationException([{ field: 'name', reason: 'is required' }])),
      outcome,
    );
    expect(ended).toEqual({
      refused: {
        status: 400,
        problem: {
          key: 'invalid',
          fields: [{ field: 'name', reason: 'is required' }],
          values: { name: 'A', _unused: 'x' },
        },
      },
    });

    const conflict = recorder(formProblem({}));
    await submitForm(
      () => Promise.reject(new RolloutError('GROUP_OVERLAP', 'x')),
      conflict.outcome,
    );
    expect(conflict.ended.refused).toEqual({
      status: 409,
      problem: { key: 'conflict', messageKey: 'errors.code.GROUP_OVERLAP', fields: [], values: {} },
    });

    const forbidden = recorder(formProblem({}));
    await submitForm(() => Promise.reject(new ForbiddenException()), forbidden.outcome);
    expect(forbidden.ended.refused?.status).toBe(403);
  });

  it('passes what the reader does not claim on, untouched, to the portal filter', async () => {
    const { ended, outcome } = recorder(formProblem({}));
    const bug = new Error('database lost');
    await expect(submitForm(() => Promise.reject(bug), outcome)).rejects.toBe(bug);
    // A declared code with a status the form does not explain (400 of an import) goes on too.
    const rows = new RolloutError('IMPORT_ROWS_INVALID', 'x');
    await expect(submitForm(() => Promise.reject(rows), outcome)).rejects.toBe(rows);
    expect(ended).toEqual({});
  });

  it('never reads what done itself throws as a refusal of the form', async () => {
    const reads = jest.fn(formProblem({}));
    const late = new RolloutError('GROUP_OVERLAP', 'after the answer');
    await expect(
      submitForm(() => Promise.resolve(1), {
        reads,
        refused: () => Promise.resolve(),
        done: () => Promise.reject(late),
      }),
    ).rejects.toBe(late);
    expect(reads).not.toHaveBeenCalled();
  });
});

describe('namedFormProblem', () => {
  it('names the form and adds the lib’s reasons, else its message, to a conflict', () => {
    const reasons = namedFormProblem('group-1', { name: 'Servers' })(
      new RolloutError('GROUP_OVERLAP', 'Overlaps', { reasons: ['pc-1 is in Servers'] }),
    );
    expect(reasons).toEqual({
      status: 409,
      problem: {
        key: 'conflict',
        messageKey: 'errors.code.GROUP_OVERLAP',
        fields: [],
        values: { name: 'Servers' },
        form: 'group-1',
        message: null,
        reasons: ['pc-1 is in Servers'],
      },
    });
    const message = namedFormProblem(
      'create',
      {},
    )(new RolloutError('GROUP_OVERLAP', 'Overlaps the group Servers'));
    expect(message?.problem).toMatchObject({ message: 'Overlaps the group Servers', reasons: [] });
  });

  it('lists the runbook tasks still open when an incident is refused closing', () => {
    const refused = namedFormProblem('status', { status: 'closed' })(
      new IncidentsError('INCIDENT_TASKS_OPEN', 'Tasks open', {
        openTasks: [{ title: 'Isolate the host' }],
      }),
    );
    expect(refused?.problem).toMatchObject({
      form: 'status',
      openTasks: ['Isolate the host'],
      message: null,
      reasons: [],
    });
  });

  it('claims nothing that is not a refusal', () => {
    expect(namedFormProblem('create', {})(new Error('boom'))).toBeNull();
  });
});

describe('readers by code', () => {
  it('answers only the codes its table names, from the error itself', () => {
    const reads = refusedByCode<string>({
      TOO_MANY_REQUESTS: (error) => ({
        problem: `wait ${error.retryAfterSeconds ?? 0}`,
        status: 429,
      }),
    });
    const throttled = new DomainException('TOO_MANY_REQUESTS', 'slow down', undefined, 30);
    expect(reads(throttled)).toEqual({ problem: 'wait 30', status: 429 });
    expect(reads(new DomainException('FORBIDDEN', 'no'))).toBeNull();
    expect(reads(new Error('TOO_MANY_REQUESTS'))).toBeNull();
    // A code named like an object's own property is not in the table.
    expect(reads(new DomainException('toString' as 'FORBIDDEN', 'x'))).toBeNull();
  });

  it('tells listed codes by their own message at the status of the HTTP table', () => {
    const reads = refusedWithMessage(['INVALID_CREDENTIALS']);
    expect(reads(new IdentityError('INVALID_CREDENTIALS', 'wrong'))).toEqual({
      problem: 'errors.code.INVALID_CREDENTIALS',
      status: 401,
    });
    expect(reads(new IdentityError('EMAIL_TAKEN', 'taken'))).toBeNull();
  });

  it('answers a refusal told by a flash with a redirect, and lets the rest go on', () => {
    const reads = flashRefusal((error) =>
      error.code === 'NOT_FOUND' ? null : { kind: 'error', key: `error.${error.code}` },
    );
    expect(reads(new RolloutError('GROUP_OVERLAP', 'x'))).toEqual({
      problem: { kind: 'error', key: 'error.GROUP_OVERLAP' },
      status: FLASHED,
    });
    expect(reads(new NotFoundException('Group'))).toBeNull();
    expect(reads(new Error('boom'))).toBeNull();
  });
});
