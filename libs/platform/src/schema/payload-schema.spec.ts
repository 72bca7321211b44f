import { z } from 'zod';
import { parseStored, readPayload } from './payload-read';
import {
  crossFieldRule,
  distinctList,
  integer,
  list,
  oneOf,
  optional,
  optionalList,
  record,
  text,
  validPart,
} from './payload-rules';

const contact = record({
  name: text({ max: 5 }),
  code: text({ min: 2, max: 2, pattern: /^[A-Z]+$/, patternReason: 'must be upper case' }),
  hours: integer({ min: 1, max: 10 }),
  note: optional(text({ max: 10 })),
});

const form = record({
  contacts: list(contact, { min: 1, max: 3 }),
  days: distinctList(oneOf(['mon', 'tue']), { max: 2 }),
  tags: optionalList(list(text({ max: 3 }), { max: 2 })),
  from: integer({ min: 0, max: 100 }),
  to: integer({ min: 0, max: 100 }),
}).check(
  crossFieldRule((fields, context) => {
    const from = validPart(integer({ min: 0, max: 100 }), fields.from);
    const to = validPart(integer({ min: 0, max: 100 }), fields.to);
    if (from !== undefined && to !== undefined && to < from) context.refuse(['to'], 'before from');
  }),
);

const valid = () => ({
  contacts: [{ name: ' Ann ', code: 'JP', hours: 3 }],
  days: ['tue'],
  from: 1,
  to: 2,
});

describe('payload schemas', () => {
  it('answers the normalised value: trimmed text, absent or null optionals left out, lists defaulted', () => {
    const { value, errors } = readPayload(form, { ...valid(), tags: null });
    expect(errors).toEqual([]);
    expect(value).toEqual({
      ...valid(),
      contacts: [{ name: 'Ann', code: 'JP', hours: 3 }],
      tags: [],
    });
    expect(readPayload(contact, { name: 'a', code: 'JP', hours: 1, note: null }).value).toEqual({
      name: 'a',
      code: 'JP',
      hours: 1,
    });
  });

  it('names the body, a missing field and a wrong JSON type in the API words', () => {
    expect(readPayload(form, null).errors).toEqual([{ field: 'body', reason: 'is required' }]);
    expect(readPayload(form, []).errors).toEqual([{ field: 'body', reason: 'must be an object' }]);
    const { errors } = readPayload(form, { ...valid(), from: '1', days: 'mon', contacts: [7] });
    expect(errors).toEqual([
      { field: 'contacts[0]', reason: 'must be an object' },
      { field: 'days', reason: 'must be an array' },
      { field: 'from', reason: 'must be an integer' },
    ]);
  });

  it("gives a field its first broken rule only, and a range's both bounds", () => {
    const { errors } = readPayload(contact, { name: '   ', code: 'j', hours: 11 });
    expect(errors).toEqual([
      { field: 'name', reason: 'must not be empty' },
      { field: 'code', reason: 'must be at least 2 characters' },
      { field: 'hours', reason: 'must be between 1 and 10' },
    ]);
    expect(readPayload(contact, { name: 'a', code: 'jp', hours: 1.5 }).errors).toEqual([
      { field: 'code', reason: 'must be upper case' },
      { field: 'hours', reason: 'must be an integer' },
    ]);
  });

  it('names every unknown key first, one by one, before the fields of its object', () => {
    const body = { ...valid(), contacts: [{ name: '', code: 'JP', hours: 1, pager: 1, fax: 2 }] };
    expect(readPayload(form, { colour: 'blue', ...body }).errors).toEqual([
      { field: 'colour', reason: 'is not a known field' },
      { field: 'contacts[0].pager', reason: 'is not a known field' },
      { field: 'contacts[0].fax', reason: 'is not a known field' },
      { field: 'contacts[0].name', reason: 'must not be empty' },
    ]);
  });

  it('runs the rules across fields beside a wrong field, on the parts valid on their own', () => {
    expect(readPayload(form, { ...valid(), days: ['sun'], from: 5, to: 2 }).errors).toEqual([
      { field: 'days[0]', reason: 'must be one of: mon, tue' },
      { field: 'to', reason: 'before from' },
    ]);
    expect(readPayload(form, { ...valid(), from: -1, to: 2 }).errors).toEqual([
      { field: 'from', reason: 'must be between 0 and 100' },
    ]);
  });

  it("names a repeat at its index, read with that item's errors", () => {
    const strings = record({ days: distinctList(oneOf(['mon', 'tue', 'wed']), { max: 3 }) });
    expect(readPayload(strings, { days: ['mon', 'mon', 'sun'] }).errors).toEqual([
      { field: 'days[1]', reason: 'repeats mon' },
      { field: 'days[2]', reason: 'must be one of: mon, tue, wed' },
    ]);
  });

  it('checks list lengths', () => {
    expect(readPayload(form, { ...valid(), contacts: [] }).errors).toEqual([
      { field: 'contacts', reason: 'must not be empty' },
    ]);
    expect(readPayload(form, { ...valid(), tags: ['a', 'b', 'c'] }).errors).toEqual([
      { field: 'tags', reason: 'must have at most 2 entries' },
    ]);
  });

  it('describes the request in JSON Schema: the limits it checks, the fields it requires', () => {
    const schema = z.toJSONSchema(contact, { io: 'input', target: 'openapi-3.0' });
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['name', 'code', 'hours'],
      properties: {
        code: { type: 'string', minLength: 2, maxLength: 2, pattern: '^[A-Z]+$' },
        hours: { type: 'integer', minimum: 1, maximum: 10 },
      },
    });
  });

  it('reads stored JSON typed, and calls a row that no longer passes a fault naming the field', () => {
    expect(parseStored(contact, { name: 'a', code: 'JP', hours: 2 }, 'contact')).toEqual({
      name: 'a',
      code: 'JP',
      hours: 2,
    });
    expect(() => parseStored(contact, { name: 'a', code: 'JP' }, 'contact')).toThrow(
      'Stored contact does not match its schema: hours: is required',
    );
  });
});
