import { createSakuraOnboarding, Tokens } from '../support/onboarding-driver';
import { startTestApp, TestApp } from '../support/test-app';
import { portalAgent, PortalAgent, signIn } from '../portal/portal-client';
import { inspect } from '../support/page-inspection';

const ROLES = [
  'security@sakura.example',
  'it-jp@sakura.example',
  'lead@mdr.example',
  'analyst@mdr.example',
  'am@mdr.example',
  'admin@portal.example',
];
const MAX_PAGES_PER_ROLE = 60;

interface Finding {
  role: string;
  path: string;
  problem: string;
}

/** Internal GET links of a page that lead to other HTML pages (not downloads or the API). */
function linksOf(html: string): string[] {
  const links = [...html.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)].map((m) =>
    m[1].replace(/&amp;/g, '&'),
  );
  return links.filter(
    (href) =>
      !href.startsWith('/api/') &&
      !href.startsWith('/docs') &&
      !/\.(pdf|csv|json|png|css|js)(\?|$)/.test(href) &&
      !/format=(pdf|csv)/.test(href),
  );
}

/**
 * Signs in as each role and walks every portal page reachable by links (breadth first): every
 * page answers without a server error, keeps the CSP without unsafe-inline, puts a CSRF token in
 * every POST form, labels its inputs, and leaks no stack trace or SQL.
 */
describe('portal crawl: every reachable page, every role', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ seed: true });
    await createSakuraOnboarding(t, new Tokens(t));
  });
  afterAll(() => t.close());

  async function crawl(
    agent: PortalAgent,
    role: string,
  ): Promise<{ visited: number; findings: Finding[] }> {
    const findings: Finding[] = [];
    const seen = new Set<string>(['/']);
    const queue = ['/'];
    let visited = 0;
    while (queue.length > 0 && visited < MAX_PAGES_PER_ROLE) {
      const path = queue.shift() as string;
      const response = await agent.get(path);
      visited += 1;
      if (response.status >= 500)
        findings.push({ role, path, problem: `status ${response.status}` });
      if (response.status >= 300 && response.status < 400) continue;
      if (!String(response.headers['content-type'] ?? '').includes('text/html')) continue;
      for (const problem of inspect(response.text, response.headers as Record<string, string>))
        findings.push({ role, path, problem });
      for (const link of linksOf(response.text)) {
        // One page per route shape is enough: ids and query strings vary, the template does not.
        const shape = link.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*$/, '');
        if (!seen.has(shape)) {
          seen.add(shape);
          queue.push(link);
        }
      }
    }
    return { visited, findings };
  }

  it.each(ROLES)('%s', async (role) => {
    const agent = portalAgent(t);
    await signIn(agent, role);
    const { visited, findings } = await crawl(agent, role);
    expect(visited).toBeGreaterThanOrEqual(5);
    expect(findings).toEqual([]);
  });

  it('sets the session cookie HttpOnly, SameSite and Secure behind https', async () => {
    const secure = await startTestApp({
      seed: true,
      env: { PUBLIC_URL: 'https://portal.example' },
    });
    try {
      const agent = portalAgent(secure);
      const login = await agent.get('/login');
      const cookies = ([] as string[]).concat(login.headers['set-cookie'] ?? []);
      const session = cookies.find((c) => c.startsWith('mdr_session='));
      expect(session).toBeDefined();
      expect(session).toMatch(/HttpOnly/i);
      expect(session).toMatch(/SameSite=(Lax|Strict)/i);
      expect(session).toMatch(/Secure/i);
    } finally {
      await secure.close();
    }
  });
});
