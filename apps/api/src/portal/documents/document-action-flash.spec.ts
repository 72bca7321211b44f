import { AgreementsError } from '@app/agreements';
import { DomainException, ForbiddenException, ValidationException } from '@app/platform';
import { WorkflowError } from '@app/workflow';
import { documentErrorFlash, documentSuccessFlash } from './document-action-flash';

describe('document action messages', () => {
  it('says what succeeded', () => {
    expect(documentSuccessFlash('propose', 'Agreement', 2)).toEqual({
      kind: 'success',
      key: 'document.proposed',
      params: { document: 'Agreement', version: 2 },
    });
  });

  it('maps refusals to catalog keys with the facts as detail', () => {
    expect(documentErrorFlash(new ForbiddenException('no'), 'save', 'A', null)).toEqual({
      kind: 'error',
      key: 'error.documentForbidden',
      params: { document: 'A' },
    });
    const invalid = documentErrorFlash(
      new ValidationException([{ field: 'sla', reason: 'is required' }]),
      'propose',
      'A',
      3,
    );
    expect(invalid).toMatchObject({
      key: 'error.documentInvalid',
      params: { version: 3, detail: 'sla: is required' },
    });
    const blocked = new WorkflowError(
      'STEP_WRONG_STATE',
      'The onboarding step service_agreement is blocked; it cannot be approved yet',
      { state: 'blocked' },
    );
    expect(documentErrorFlash(blocked, 'approve', 'A', 1).key).toBe('error.documentStepBlocked');
    expect(documentErrorFlash(blocked, 'propose', 'A', 1).key).toBe('error.documentConflict');
    const moved = new AgreementsError(
      'DOCUMENT_VERSION_CHANGED',
      'Version 1 is approved; only a draft can be proposed',
    );
    expect(documentErrorFlash(moved, 'propose', 'A', 1)).toMatchObject({
      key: 'error.documentConflict',
      params: { detail: moved.message },
    });
    expect(documentErrorFlash(new DomainException('BAD_REQUEST', 'x'), 'save', 'A', 1).key).toBe(
      'error.generic',
    );
  });
});
