import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailRenderer } from './mail-renderer';
import { resolveTemplatesDir } from './templates-dir';
import { WelcomeEmailModel } from './mail-templates';
import { resolveLanguage } from './languages';

const model: WelcomeEmailModel = {
  displayName: 'Aiko Tanaka',
  organisationName: 'Contoso KK',
  loginUrl: 'https://portal.example/login',
  setPasswordUrl: 'https://portal.example/set-password?token=abc&step=1',
};

describe('MailRenderer', () => {
  const renderer = new MailRenderer();

  it.each([
    ['ja', 'MDRオンボーディングポータルへようこそ', 'パスワードを設定する', 'ja'],
    ['en', 'Welcome to the MDR onboarding portal', 'Set your password', 'en'],
    ['zh', '欢迎使用 MDR 接入门户', '设置密码', 'zh-Hans'],
  ])('renders the welcome mail in %s', (language, subjectText, buttonText, htmlLang) => {
    const mail = renderer.render('welcome-email', language, model);
    expect(mail.language).toBe(language);
    expect(mail.subject).toContain(subjectText);
    expect(mail.subject).toContain('Contoso KK');
    expect(mail.html).toContain(`<html lang="${htmlLang}">`);
    expect(mail.html).toContain(buttonText);
    expect(mail.html).toContain('Aiko Tanaka');
    expect(mail.html).toContain('href="https://portal.example/login"');
    expect(mail.text).toContain('Contoso KK');
    expect(mail.text).toContain('https://portal.example/login');
    // Plain text keeps the URL as is; HTML carries it attribute-encoded.
    expect(mail.text).toContain(model.setPasswordUrl);
    expect(mail.html).toContain('token&#x3D;abc&amp;step&#x3D;1');
    expect(mail.text).not.toMatch(/<[a-z]/i);
  });

  it('uses different wording per language', () => {
    const subjects = ['ja', 'en', 'zh'].map((l) => renderer.render('welcome-email', l, model));
    expect(new Set(subjects.map((m) => m.subject)).size).toBe(3);
    expect(subjects[0]?.text).toContain('Aiko Tanaka 様');
    expect(subjects[2]?.text).toContain('Aiko Tanaka，您好');
  });

  it('leaves out the set-password part when there is no link', () => {
    const mail = renderer.render('welcome-email', 'en', { ...model, setPasswordUrl: null });
    expect(mail.html).not.toContain('Set your password');
    expect(mail.text).not.toContain('choose your password');
    expect(mail.text).not.toMatch(/\n{3,}/);
    expect(mail.html).toContain('https://portal.example/login');
  });

  it('escapes HTML in user data but not in the plain text or subject', () => {
    const evil = '<script>alert("x")</script> & Co';
    const mail = renderer.render('welcome-email', 'en', {
      ...model,
      displayName: evil,
      organisationName: evil,
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.text).toContain(evil);
    expect(mail.subject).toContain(evil);
  });

  it('keeps the subject on one line whatever the data holds', () => {
    const mail = renderer.render('welcome-email', 'ja', {
      ...model,
      organisationName: 'Contoso\r\nBcc: victim@example.com',
    });
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it.each(['fr', '', 'xx-YY'])('falls back to English for %p', (language) => {
    const mail = renderer.render('welcome-email', language, model);
    expect(mail.language).toBe('en');
    expect(mail.subject).toContain('Welcome to the MDR onboarding portal');
  });

  it('accepts regional language tags', () => {
    expect(resolveLanguage('ja-JP')).toBe('ja');
    expect(resolveLanguage('ZH_cn')).toBe('zh');
    expect(resolveLanguage(undefined)).toBe('en');
  });

  it('renders a language-neutral mail with the words of each language, data escaped in HTML only', () => {
    const code = {
      signerName: 'A & <B>',
      documentTitle: 'Policy "v2"',
      code: '123456',
      minutes: 10,
    };
    const ja = renderer.render('signature-code', 'ja', code);
    const en = renderer.render('signature-code', 'en', code);
    expect(ja.subject).toBe('署名用コード：123456');
    expect(en.subject).toBe('Your signing code: 123456');
    expect(ja.html).toContain(
      '<p>「<strong>Policy &quot;v2&quot;</strong>」に署名するためのコードは次のとおりです：</p>',
    );
    expect(en.html).toContain('<p style="margin:0 0 16px">Hello A &amp; &lt;B&gt;,</p>');
    expect(en.text).toContain('Hello A & <B>,\n\nYour code to sign "Policy "v2"" is:');
  });

  it('refuses to start when a language-neutral template names a message no catalog has', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mail-templates-'));
    try {
      cpSync(resolveTemplatesDir(), dir, { recursive: true });
      writeFileSync(join(dir, 'signature-code.text.hbs'), '{{t "signature-code.nowhere"}}');
      expect(() => new MailRenderer(dir)).toThrow(
        /signature-code\.nowhere .* missing in ja, en, zh/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['ja', 'en', 'zh'])(
    'writes the %s digest text as a greeting, one line per notification and its link',
    (language) => {
      const mail = renderer.render('notification-digest', language, {
        displayName: 'Aiko Tanaka',
        day: '2026-12-04',
        count: 2,
        items: [
          { subject: 'First subject', link: 'https://portal.example/a' },
          { subject: 'Second subject', link: null },
        ],
        preferencesUrl: 'https://portal.example/account/notifications',
      });
      const lines = mail.text.split('\n');
      expect(lines[0]).toContain('Aiko Tanaka');
      expect(lines[0]).not.toContain('2026-12-04');
      expect(lines).toContainEqual(expect.stringMatching(/^(- |・)First subject$/));
      expect(lines).toContainEqual('  https://portal.example/a');
      expect(lines).toContainEqual(expect.stringMatching(/^(- |・)Second subject$/));
      expect(lines).toContain('https://portal.example/account/notifications');
    },
  );
});
