import { TestApp } from '../../support/test-app';

/** Opens an emailed link's page, then submits its CSRF form with these fields, as a browser would. */
export async function submitLinkForm(
  t: TestApp,
  path: string,
  fields: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const page = await t.http().get(path);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const cookies = page.headers['set-cookie'] as unknown as string[] | undefined;
  if (page.status !== 200 || !csrf || !cookies) return { status: page.status, text: page.text };
  const response = await t
    .http()
    .post(path)
    .set('Cookie', cookies.map((c) => c.split(';')[0]).join('; '))
    .type('form')
    .send({ _csrf: csrf, ...fields });
  return { status: response.status, text: response.text };
}
