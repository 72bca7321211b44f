import { IncidentReviewForm, reviewFromForm, rowsFromValues } from './incident-review-form';

const form = (fields: Partial<IncidentReviewForm>): IncidentReviewForm =>
  Object.assign(new IncidentReviewForm(), fields);

describe('reviewFromForm', () => {
  it('pairs the rows in order and leaves out the wholly empty ones', () => {
    const { input, values } = reviewFromForm(
      form({
        whatHappened: 'Beacon',
        rootCause: 'Macro',
        lessons: 'Policy',
        itemDescription: ['Disable macros', '', 'Train staff'],
        itemOwner: ['u1', '', ''],
        itemDue: ['2031-01-31', '', ''],
      }),
    );
    expect(input.actionItems).toEqual([
      { description: 'Disable macros', ownerUserId: 'u1', dueDate: '2031-01-31' },
      { description: 'Train staff', ownerUserId: '', dueDate: '' },
    ]);
    expect(rowsFromValues(values)).toEqual(input.actionItems);
    expect(values.whatHappened).toBe('Beacon');
  });

  it('takes one row sent as single fields, and none at all', () => {
    expect(
      reviewFromForm(form({ itemDescription: 'Patch', itemOwner: 'u2', itemDue: '2031-02-01' }))
        .input.actionItems,
    ).toEqual([{ description: 'Patch', ownerUserId: 'u2', dueDate: '2031-02-01' }]);
    expect(reviewFromForm(form({})).input.actionItems).toEqual([]);
  });
});
