import { INVITATION_LINKS, InvitationLinks } from '@app/notify';
import { bearer, TestApp } from './test-app';

/**
 * Invites a Northwind user through the admin API and returns the token of their set-password
 * link, issued as the mail worker issues it for the welcome mail.
 */
export async function inviteNorthwindUser(
  test: TestApp,
  email: string,
  displayName: string,
): Promise<string> {
  const [{ id }] = (await test.dataSource.query(
    `SELECT id FROM organisation WHERE name = 'Northwind Retail'`,
  )) as { id: string }[];
  const created = await test
    .http()
    .post('/api/users')
    .set('Authorization', await bearer(test, 'admin@portal.example'))
    .send({ email, displayName, organisationId: id, role: 'customer_it', countryCode: 'US' })
    .expect(201);
  const url = await test.app
    .get<InvitationLinks>(INVITATION_LINKS)
    .linkFor((created.body as { id: string }).id);
  return new URL(url ?? '').searchParams.get('token') ?? '';
}
