import { documentsPath, isDocumentSlug, parseDraft, showValue } from './document-input';

describe('document edit input', () => {
  it('accepts a JSON object', () => {
    expect(parseDraft(' {"a": 1} ')).toEqual({ ok: true, content: { a: 1 } });
  });

  it('names what is wrong with anything else', () => {
    expect(parseDraft('')).toEqual({ ok: false, problem: 'draftRequired' });
    expect(parseDraft(undefined)).toEqual({ ok: false, problem: 'draftRequired' });
    expect(parseDraft('[1]')).toEqual({ ok: false, problem: 'draftNotObject' });
    expect(parseDraft('"text"')).toEqual({ ok: false, problem: 'draftNotObject' });
    const bad = parseDraft('{"a": ');
    expect(bad.ok).toBe(false);
    expect(bad).toMatchObject({ problem: 'draftInvalidJson' });
    expect(parseDraft(`{"a":"${'x'.repeat(200_001)}"}`)).toEqual({
      ok: false,
      problem: 'draftTooLong',
    });
  });

  it('shows compared values as text', () => {
    expect(showValue(undefined)).toBeNull();
    expect(showValue(null)).toBeNull();
    expect(showValue('phone')).toBe('phone');
    expect(showValue(15)).toBe('15');
    expect(showValue(['ja', 'en'])).toBe('[\n  "ja",\n  "en"\n]');
  });

  it('knows its slugs and paths', () => {
    expect(isDocumentSlug('agreement')).toBe(true);
    expect(isDocumentSlug('service_agreement')).toBe(false);
    expect(documentsPath('e1', 'incident')).toBe('/engagements/e1/documents#doc-incident');
    expect(documentsPath('e1')).toBe('/engagements/e1/documents');
  });
});
