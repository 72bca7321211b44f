import { describeProposalContent, parseProposal, proposalDraft } from './proposal-input';

describe('parseProposal', () => {
  it('turns plain text into { text }', () => {
    expect(parseProposal('  Japanese with the provider\r\nEnglish in reports ')).toEqual({
      ok: true,
      content: { text: 'Japanese with the provider\nEnglish in reports' },
    });
  });

  it('takes a JSON object as it is', () => {
    expect(parseProposal('{"language": "ja", "hours": [9, 18]}')).toEqual({
      ok: true,
      content: { language: 'ja', hours: [9, 18] },
    });
  });

  it('keeps text that merely starts with a bracket as text', () => {
    expect(parseProposal('[draft] use Japanese')).toEqual({
      ok: true,
      content: { text: '[draft] use Japanese' },
    });
  });

  it('refuses empty, too long and broken JSON input', () => {
    expect(parseProposal('   ')).toEqual({ ok: false, problem: 'proposalRequired' });
    expect(parseProposal(undefined)).toEqual({ ok: false, problem: 'proposalRequired' });
    expect(parseProposal('x'.repeat(20001))).toEqual({ ok: false, problem: 'proposalTooLong' });
    expect(parseProposal('{"language": ja}')).toEqual({
      ok: false,
      problem: 'proposalInvalidJson',
    });
  });
});

describe('describeProposalContent', () => {
  it('shows { text } as text and anything else as pretty JSON', () => {
    expect(describeProposalContent({ text: 'hello' })).toEqual({ text: 'hello', json: null });
    expect(describeProposalContent({ a: 1 })).toEqual({ text: null, json: '{\n  "a": 1\n}' });
  });

  it('offers the current proposal as the draft of the next', () => {
    expect(proposalDraft(null)).toBe('');
    expect(proposalDraft({ text: 'v1' })).toBe('v1');
    expect(proposalDraft({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
