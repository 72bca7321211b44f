import { INVITATION_LINKS, InvitationLinks } from '@app/notify';
import supertest from 'supertest';
import { bearer, TestApp } from './test-app';

/** What POST /api/users takes: an invitation, never a password. */
export interface Invitation {
  email: string;
  displayName: string;
  organisationId?: string;
  role: string;
  countryCode?: string;
}

/**
 * The token of a user's set-password link, issued as the mail worker issues it when it sends
 * their welcome mail (the link the invitee would click).
 */
export async function invitationToken(test: TestApp, userId: string): Promise<string> {
  const url = await test.app.get<InvitationLinks>(INVITATION_LINKS).linkFor(userId);
  return new URL(url ?? '').searchParams.get('token') ?? '';
}

/**
 * The invitee's side of an invitation, through the real portal: opens the set-password link
 * and posts the form with its CSRF token, as a browser would.
 */
export async function acceptInvitation(
  test: TestApp,
  token: string,
  password: string,
): Promise<void> {
  const agent = supertest.agent(test.app.getHttpServer());
  const page = await agent.get(`/set-password?token=${token}`).expect(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
  const done = await agent
    .post('/set-password')
    .type('form')
    .send({ token, password, confirmation: password, _csrf: csrf });
  if (done.status !== 200)
    throw new Error(`the invitation for ${token} was not accepted: ${done.status}`);
}

/**
 * Invites a user through POST /api/users as `inviter` (an Authorization header) and has them
 * accept the invitation with `password` through the portal's set-password page: how a test
 * gets a login for someone the demo does not have. Returns the new user's id.
 */
export async function inviteAndAccept(
  test: TestApp,
  inviter: string,
  invitation: Invitation,
  password: string,
): Promise<string> {
  const created = await test
    .http()
    .post('/api/users')
    .set('Authorization', inviter)
    .send(invitation);
  if (created.status !== 201)
    throw new Error(
      `inviting ${invitation.email} answered ${created.status}: ${JSON.stringify(created.body)}`,
    );
  const id = (created.body as { id: string }).id;
  await acceptInvitation(test, await invitationToken(test, id), password);
  return id;
}

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
  return invitationToken(test, (created.body as { id: string }).id);
}
