import { Clock } from '@app/platform';
import { inviteNorthwindUser } from '../support/invitations';
import { startTestApp, TEST_PASSWORD, TestApp } from '../support/test-app';
import { csrfFrom, csrfTokenIn, htmlLangOf, portalAgent, signIn } from './portal-client';

// The server-rendered portal through the real app: sessions, CSRF, languages and tenant scope.
describe('portal pages', () => {
  let test: TestApp;

  beforeAll(async () => {
    test = await startTestApp({ seed: true });
  });

  afterAll(async () => {
    await test?.close();
  });

  describe('login page', () => {
    it.each([
      ['ja-JP,ja;q=0.9', 'ja', 'ログイン', 'メールアドレス'],
      ['en-GB,en;q=0.9', 'en', 'Sign in', 'Email address'],
      ['zh-CN,zh;q=0.9', 'zh-Hans', '登录', '电子邮件地址'],
    ])('renders for Accept-Language %s', async (accept, lang, title, emailLabel) => {
      const page = await test.http().get('/login').set('Accept-Language', accept).expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(htmlLangOf(page.text)).toBe(lang);
      expect(page.text).toContain(`<h1 id="page-title">${title}</h1>`);
      expect(page.text).toContain(`<label class="field__label" for="email">${emailLabel}</label>`);
      expect(page.text).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/);
    });

    it('falls back to English and is served under the strict CSP without inline code', async () => {
      const page = await test.http().get('/login').expect(200);
      expect(htmlLangOf(page.text)).toBe('en');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['cache-control']).toBe('no-store');
      // The one script is our own file (passkey sign-in), allowed by script-src 'self'; nothing inline.
      expect(
        page.text.replace('<script src="/static/passkeys.js" defer></script>', ''),
      ).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
      expect(page.text).toContain('<a class="skip-link" href="#main">');
      await test
        .http()
        .get('/static/portal.css')
        .expect(200)
        .expect('content-type', /text\/css/);
    });

    it('re-renders with the error and the typed email on a wrong password', async () => {
      const agent = portalAgent(test);
      const token = await csrfFrom(agent);
      const page = await agent
        .post('/login')
        .type('form')
        .send({ email: 'security@northwind.example', password: 'not the password', _csrf: token })
        .expect(401);
      expect(page.text).toContain('The email address or password is incorrect.');
      expect(page.text).toContain('value="security@northwind.example"');
      expect(page.text).toContain('aria-invalid="true"');
      await agent.get('/').expect(302).expect('location', '/login');
    });

    it('asks for both fields when one is empty', async () => {
      const agent = portalAgent(test);
      const token = await csrfFrom(agent);
      const page = await agent
        .post('/login')
        .type('form')
        .send({ email: 'analyst@mdr.example', password: '', _csrf: token })
        .expect(400);
      expect(page.text).toContain('Enter your email address and your password.');
    });

    it('says so, translated, when sign-ins are slowed', async () => {
      const agent = portalAgent(test);
      const form = { email: 'it-cn@sakura.example', password: 'wrong password' };
      for (let attempt = 0; attempt < test.config.loginFreeFailures; attempt++) {
        const token = await csrfFrom(agent);
        await agent
          .post('/login')
          .type('form')
          .send({ ...form, _csrf: token })
          .expect(401);
      }
      // Seven more failures, as if made over the last minute: the wait has doubled to 128 s.
      await test.dataSource.query(
        `INSERT INTO login_failure (email, ip, created_at) SELECT $1, '127.0.0.1', $2 FROM generate_series(1, 7)`,
        [form.email, test.app.get(Clock).now()],
      );
      const token = csrfTokenIn((await agent.get('/login').set('Accept-Language', 'zh-CN')).text);
      const page = await agent
        .post('/login')
        .set('Accept-Language', 'zh-CN')
        .type('form')
        .send({ email: form.email, password: TEST_PASSWORD, _csrf: token })
        .expect(429);
      const wait = Number(page.headers['retry-after']);
      expect(wait).toBeGreaterThan(120);
      expect(wait).toBeLessThanOrEqual(128);
      expect(page.text).toContain(`登录失败次数过多，请等待 ${Math.ceil(wait / 60)} 分钟后重试。`);
    });
  });

  describe('CSRF', () => {
    it('refuses a form post without a token with a 403 page', async () => {
      const agent = portalAgent(test);
      await agent.get('/login');
      const page = await agent
        .post('/login')
        .type('form')
        .send({ email: 'security@sakura.example', password: TEST_PASSWORD })
        .expect(403);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('This form has expired');
      await agent.get('/').expect(302);
    });

    it('refuses a token from another session', async () => {
      const other = await csrfFrom(portalAgent(test));
      const agent = portalAgent(test);
      await agent.get('/login');
      await agent
        .post('/login')
        .type('form')
        .send({ email: 'security@sakura.example', password: TEST_PASSWORD, _csrf: other })
        .expect(403);
    });

    it('protects logout and the language switch too', async () => {
      const agent = portalAgent(test);
      await signIn(agent, 'analyst@mdr.example');
      await agent.post('/logout').type('form').send({}).expect(403);
      await agent
        .post('/language')
        .type('form')
        .send({ language: 'ja', returnTo: '/' })
        .expect(403);
      await agent.get('/').expect(200);
    });
  });

  describe('home', () => {
    it('redirects to /login without a session', async () => {
      await test.http().get('/').expect(302).expect('location', '/login');
    });

    it("shows a customer its organisation and engagement in the user's language", async () => {
      const agent = portalAgent(test);
      await signIn(agent, 'security@sakura.example');
      const page = await agent.get('/').expect(200);
      expect(htmlLangOf(page.text)).toBe('ja');
      expect(page.text).toContain('佐藤 花子');
      expect(page.text).toContain('セキュリティ責任者');
      expect(page.text).toContain('<p class="card__title">Sakura Manufacturing</p>');
      expect(page.text).toContain('Sakura Manufacturing MDR');
      expect(page.text).toContain('導入中');
      expect(page.text).not.toContain('Northwind');
      expect(page.text.match(/data-testid="engagement"/g)).toHaveLength(1);
    });

    it('shows the other customer only its own engagement', async () => {
      const agent = portalAgent(test);
      await signIn(agent, 'security@northwind.example');
      const page = await agent.get('/').expect(200);
      expect(page.text).toContain('Northwind Retail MDR');
      expect(page.text).not.toContain('Sakura');
    });

    it.each(['lead@mdr.example', 'am@mdr.example'])(
      'shows %s the engagements of the provider or assigned to them',
      async (email) => {
        const agent = portalAgent(test);
        await signIn(agent, email);
        const page = await agent.get('/').expect(200);
        expect(page.text).toContain('Sakura Manufacturing MDR');
        expect(page.text).toContain('Northwind Retail MDR');
        expect(page.text).toContain('Example MDR');
      },
    );

    it('shows the platform admin counts and lists of organisations and engagements', async () => {
      const agent = portalAgent(test);
      await signIn(agent, 'admin@portal.example');
      const page = await agent.get('/').expect(200);
      expect(page.text).toContain('Platform administration');
      expect(page.text).toContain('<dd data-testid="organisation-count">3</dd>');
      expect(page.text).toContain('<dd data-testid="engagement-count">2</dd>');
      expect(page.text).toContain('<th scope="row">Northwind Retail</th>');
      expect(page.text).toContain('<th scope="row">Example MDR</th>');
    });

    it('sends a signed-in person from /login to the home page', async () => {
      const agent = portalAgent(test);
      await signIn(agent, 'analyst@mdr.example');
      await agent.get('/login').expect(302).expect('location', '/');
    });
  });

  describe('logout', () => {
    it('ends the session', async () => {
      const agent = portalAgent(test);
      await signIn(agent, 'security@sakura.example');
      const token = await csrfFrom(agent, '/');
      const response = await agent.post('/logout').type('form').send({ _csrf: token }).expect(303);
      expect(response.headers.location).toBe('/login');
      await agent.get('/').expect(302).expect('location', '/login');
    });
  });

  describe('language switch', () => {
    it('changes <html lang> and the text, and returns to the page', async () => {
      const agent = portalAgent(test);
      await signIn(agent, 'security@sakura.example');
      let token = await csrfFrom(agent, '/');
      await agent
        .post('/language')
        .type('form')
        .send({ language: 'en', returnTo: '/', _csrf: token })
        .expect(303)
        .expect('location', '/');
      let page = await agent.get('/').expect(200);
      expect(htmlLangOf(page.text)).toBe('en');
      expect(page.text).toContain('Welcome, 佐藤 花子');
      expect(page.text).toContain('Security lead');

      token = csrfTokenIn(page.text);
      await agent
        .post('/language')
        .type('form')
        .send({ language: 'zh', returnTo: '/', _csrf: token });
      page = await agent.get('/').expect(200);
      expect(htmlLangOf(page.text)).toBe('zh-Hans');
      expect(page.text).toContain('欢迎，佐藤 花子');
      expect(page.text).toContain('入驻中');
    });

    it('works before signing in and survives the login', async () => {
      const agent = portalAgent(test);
      const token = await csrfFrom(agent, '/login');
      await agent
        .post('/language')
        .type('form')
        .send({ language: 'zh', returnTo: '/login', _csrf: token })
        .expect(303)
        .expect('location', '/login');
      const login = await agent.get('/login').expect(200);
      expect(htmlLangOf(login.text)).toBe('zh-Hans');
      await signIn(agent, 'security@northwind.example');
      expect(htmlLangOf((await agent.get('/').expect(200)).text)).toBe('zh-Hans');
    });

    it('never redirects off the site', async () => {
      const agent = portalAgent(test);
      const token = await csrfFrom(agent);
      for (const returnTo of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
        await agent
          .post('/language')
          .type('form')
          .send({ language: 'ja', returnTo, _csrf: token })
          .expect(303)
          .expect('location', '/');
      }
    });

    it('refuses an unsupported language with a 400 page', async () => {
      const agent = portalAgent(test);
      const token = await csrfFrom(agent);
      const page = await agent
        .post('/language')
        .type('form')
        .send({ language: 'fr', returnTo: '/', _csrf: token })
        .expect(400);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('data-testid="error-page"');
    });
  });

  describe('mailbox', () => {
    it('is a 404 page in server mode', async () => {
      const page = await test.http().get('/mailbox').expect(404);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.text).toContain('Page not found');
    });

    it('in embedded mode needs a sign-in and lists a person’s own mail (the platform admin’s: all) newest first, escaped, with clickable links', async () => {
      await test.dataSource.query(
        `INSERT INTO dev_mailbox_message (id, "to", subject, html, text, created_at) VALUES
           (gen_random_uuid(), 'old@x.example', 'Older', '', 'old', $2::timestamptz - interval '1 hour'),
           (gen_random_uuid(), 'security@northwind.example', 'For Jordan', '', 'yours', $2::timestamptz - interval '1 minute'),
           (gen_random_uuid(), 'new@x.example', 'Newer <b>mail</b>',
            '<p style="color:red">x</p>', $1, $2::timestamptz)`,
        [
          'Hello <script>alert(1)</script>\nSet it: https://portal.example/set-password?token=abc.',
          test.app.get(Clock).now(),
        ],
      );
      // The mode is read per request; flip it only for these requests.
      test.config.mode = 'embedded';
      try {
        await test.http().get('/mailbox').expect(302).expect('location', '/login');
        const jordan = portalAgent(test);
        await signIn(jordan, 'security@northwind.example');
        const own = await jordan.get('/mailbox').expect(200);
        expect(own.text).toContain('For Jordan');
        expect(own.text).not.toContain('Newer');
        expect(own.text).not.toContain('set-password');

        const admin = portalAgent(test);
        await signIn(admin, 'admin@portal.example');
        const page = await admin.get('/mailbox').expect(200);
        expect(page.text).toContain('href="/mailbox" aria-current="page"');
        expect(page.text.indexOf('Newer')).toBeLessThan(page.text.indexOf('Older'));
        expect(page.text).toContain('For Jordan');
        expect(page.text).toContain('Newer &lt;b&gt;mail&lt;/b&gt;');
        expect(page.text).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt;');
        expect(page.text).toContain(
          '<a href="https://portal.example/set-password?token&#x3D;abc" rel="noopener noreferrer">',
        );
        expect(page.text).not.toContain('style="color:red"');
      } finally {
        test.config.mode = 'server';
      }
    });
  });

  describe('set password', () => {
    it('shows one and the same page for a missing, unknown or used link', async () => {
      const missing = await test.http().get('/set-password').expect(400);
      const unknown = await test
        .http()
        .get('/set-password?token=' + 'x'.repeat(43))
        .expect(400);
      for (const page of [missing, unknown]) {
        expect(page.text).toContain('This link cannot be used');
        expect(page.text).not.toContain('name="password"');
      }
    });

    it('sets the password once through the invitation link', async () => {
      const email = 'new.person@northwind.example';
      const token = await inviteNorthwindUser(test, email, 'New Person');
      const agent = portalAgent(test);
      const form = await agent.get(`/set-password?token=${token}`).expect(200);
      expect(form.text).toContain('<label class="field__label" for="confirmation">');
      const csrf = csrfTokenIn(form.text);
      const tooShort = await agent
        .post('/set-password')
        .type('form')
        .send({ token, password: 'short', confirmation: 'short', _csrf: csrf })
        .expect(400);
      expect(tooShort.text).toContain('at least 12 characters long');
      const common = await agent
        .post('/set-password')
        .type('form')
        .send({ token, password: 'password1234', confirmation: 'password1234', _csrf: csrf })
        .expect(400);
      expect(common.text).toContain('This password is too common');
      const mismatch = await agent
        .post('/set-password')
        .type('form')
        .send({
          token,
          password: 'a long new password',
          confirmation: 'another one!!',
          _csrf: csrf,
        })
        .expect(400);
      expect(mismatch.text).toContain('The two passwords do not match.');

      const done = await agent
        .post('/set-password')
        .type('form')
        .send({
          token,
          password: 'a long new password',
          confirmation: 'a long new password',
          _csrf: csrf,
        })
        .expect(200);
      expect(done.text).toContain('Your password is set');
      await signIn(portalAgent(test), email, 'a long new password');

      const reused = await agent
        .post('/set-password')
        .type('form')
        .send({
          token,
          password: 'yet another password',
          confirmation: 'yet another password',
          _csrf: csrf,
        })
        .expect(400);
      expect(reused.text).toContain('This link cannot be used');
      await agent.get(`/set-password?token=${token}`).expect(400);
    });
  });

  it('keeps answering JSON errors on /api routes', async () => {
    const response = await test.http().get('/api/me').expect(401);
    expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
  });
});
