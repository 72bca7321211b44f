import { ValidationException } from '@app/platform';
import { parseReview } from './review-input';

const OWNER = '0b7c5e0e-8f4e-4a55-9d0e-2f7f8c1a0001';
const people = new Set([OWNER]);
const valid = {
  whatHappened: ' A phishing mail led to a beacon on one PC. ',
  rootCause: 'Macros allowed from the internet',
  lessons: 'Block macros by policy',
  actionItems: [{ description: 'Disable macros', ownerUserId: OWNER, dueDate: '2030-02-28' }],
};

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationException) return error.fields.map((f) => f.field);
    throw error;
  }
  throw new Error('accepted');
}

describe('parseReview', () => {
  it('keeps the trimmed text and the action items in order', () => {
    expect(parseReview(valid, people)).toEqual({
      ...valid,
      whatHappened: 'A phishing mail led to a beacon on one PC.',
    });
    expect(parseReview({ ...valid, actionItems: undefined }, people).actionItems).toEqual([]);
  });

  it('names every refused field: empty text, an owner outside the engagement, a day that does not exist', () => {
    expect(
      fieldsOf(() =>
        parseReview(
          {
            whatHappened: '  ',
            rootCause: 42,
            lessons: 'x'.repeat(10_001),
            actionItems: [
              valid.actionItems[0],
              { description: '', ownerUserId: 'someone-else', dueDate: '2030-02-30' },
            ],
          },
          people,
        ),
      ),
    ).toEqual([
      'whatHappened',
      'rootCause',
      'lessons',
      'actionItems[1].description',
      'actionItems[1].ownerUserId',
      'actionItems[1].dueDate',
    ]);
    expect(fieldsOf(() => parseReview({ ...valid, actionItems: 'none' }, people))).toEqual([
      'actionItems',
    ]);
    expect(
      fieldsOf(() =>
        parseReview({ ...valid, actionItems: Array(31).fill(valid.actionItems[0]) }, people),
      ),
    ).toEqual(['actionItems']);
  });
});
