import { northwindAgreement, sampleCatalogue } from './agreement-drafts';
import { NORTHWIND_GROUPS, northwindInventoryCsv } from './northwind-estate';
import { closedIncident, openIncident } from './northwind-incidents';
import { OnboardingActions, productNames } from './onboarding-actions';
import {
  ANALYST,
  DAY_MS,
  LEAD,
  MINUTE_MS,
  NORTHWIND_IT,
  NORTHWIND_SECURITY,
  ScenarioContext,
} from './scenario-context';

/** What only the process can do for the story: redeem links that exist only in mails. */
export interface InProcessMoments {
  /** The invitee's side of an invitation: their set-password link, redeemed with the demo password. */
  acceptInvitation(userId: string, email: string): Promise<void>;
  /** The recipient's click on the domain-permission link: "approve". */
  confirmDomain(confirmationId: string): Promise<void>;
  /** The peacetime scheduler's run for an activity at the clock's current period; false when this process has no scheduler. */
  peacetimeActivity(engagementId: string): Promise<boolean>;
}

export interface NorthwindSeeded {
  engagementId: string;
  onboardingId: string;
  openIncidentId: string;
  closedIncidentId: string;
}

/**
 * Northwind Retail, four months ago to today: the whole standard onboarding, each step by the role
 * it names, the service started five weeks ago; peacetime tasks since; an incident handled to
 * its report twelve days ago; and within the hour a critical one whose host isolation waits on the
 * security lead.
 */
export async function seedNorthwind(
  ctx: ScenarioContext,
  moments: InProcessMoments,
  engagementId: string,
  customerId: string,
  providerId: string,
): Promise<NorthwindSeeded> {
  const { client } = ctx;
  const base = `/api/engagements/${engagementId}`;

  await ctx.at(-125 * DAY_MS);
  const invited = await client.ok<{ id: string }>(NORTHWIND_SECURITY, 'POST', '/api/users', {
    email: NORTHWIND_IT,
    displayName: 'Sam Patel',
    organisationId: customerId,
    role: 'customer_it',
    countryCode: 'GB',
  });
  await moments.acceptInvitation(invited.id, NORTHWIND_IT);

  // The provider's catalogue (what it offers every customer), then Northwind's agreement and runbooks.
  await ctx.at(-120 * DAY_MS);
  await client.ok(LEAD, 'PUT', `/api/providers/${providerId}/catalogue`, sampleCatalogue());
  const agreement = northwindAgreement();
  // Isolation waits for the customer however long they take: the provider never acts alone.
  agreement.responseAuthorisation.isolate_host = {
    mode: 'collaborate',
    timeoutMinutes: 240,
    fallback: 'wait',
  };
  await client.ok(LEAD, 'POST', `${base}/agreement`, agreement);
  await client.ok(LEAD, 'POST', `${base}/agreement/versions/1/propose`, {}, 200);
  for (const kind of ['peacetime', 'incident']) {
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}`, {});
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}/versions/1/propose`, {}, 200);
  }
  const onboarding = await client.ok<{ id: string }>(LEAD, 'POST', '/api/onboardings', {
    engagementId,
    templateKey: 'edr-mdr-onboarding',
    plannedStartDate: ctx.day(-35),
  });
  const steps = new OnboardingActions(ctx, engagementId, onboarding.id);

  await ctx.at(-115 * DAY_MS);
  await steps.complete(
    NORTHWIND_SECURITY,
    'mdr_requirements_defined',
    'Business-hours cover, English, isolation only with our approval.',
  );
  await client.upload(NORTHWIND_IT, `${base}/endpoints/import`, {}, [
    {
      field: 'file',
      name: 'northwind-inventory.csv',
      type: 'text/csv',
      content: northwindInventoryCsv(),
    },
  ]);
  await steps.complete(NORTHWIND_IT, 'endpoint_inventory', 'Exported from the asset register.');
  const products = await client.ok<unknown>(NORTHWIND_IT, 'GET', `${base}/security-products`);
  for (const product of productNames(products)) {
    await client.ok(
      NORTHWIND_IT,
      'PUT',
      `${base}/security-products/plan`,
      { product, action: 'coexist', quarantines: true, note: 'Kept until the EDR blocks' },
      200,
    );
  }
  await steps.complete(NORTHWIND_IT, 'existing_security_products', 'Old AV 9 on every PC.');
  for (const site of ['Leeds', 'Stores']) {
    await client.ok(
      NORTHWIND_IT,
      'PUT',
      `${base}/sites/${site}`,
      {
        linkMbps: 100,
        updateSharePercent: 25,
        peakUseMbps: 50,
        packageSizeMb: 150,
        downloadMbps: 4,
      },
      200,
    );
  }
  await steps.complete(NORTHWIND_IT, 'bandwidth_survey', 'Measured over a trading week.');

  await ctx.at(-110 * DAY_MS);
  await client.ok(NORTHWIND_SECURITY, 'POST', `${base}/agreement/versions/1/approve`, {}, 200);
  await steps.proposeAndApprove(LEAD, NORTHWIND_SECURITY, 'unsupported_os_decisions');
  await steps.proposeAndApprove(LEAD, NORTHWIND_SECURITY, 'existing_av_plan');
  for (const group of NORTHWIND_GROUPS) await client.ok(LEAD, 'POST', `${base}/groups`, group);
  await steps.proposeAndApprove(LEAD, NORTHWIND_SECURITY, 'group_policy_design');
  await steps.proposeAndApprove(LEAD, NORTHWIND_SECURITY, 'update_policy');
  await steps.proposeAndApprove(LEAD, NORTHWIND_SECURITY, 'migration_plan');
  await steps.proposeAndApprove(LEAD, NORTHWIND_IT, 'update_waves_plan');

  await ctx.at(-100 * DAY_MS);
  await client.ok(LEAD, 'PUT', `${base}/notification-routing`, { mode: 'per_country' }, 200);
  await steps.proposeAndApprove(LEAD, NORTHWIND_SECURITY, 'notification_routing');
  await client.ok(ANALYST, 'POST', `${base}/block-list`, {
    type: 'domain',
    value: 'giftcard-refunds.example',
    reason: 'Gift-card fraud campaign of 2025',
  });
  await steps.proposeAndApprove(ANALYST, NORTHWIND_SECURITY, 'static_block_list');
  await client.ok(ANALYST, 'POST', `${base}/past-incidents`, {
    title: 'Gift-card fraud, 2025',
    occurredOn: '2025-11-20',
    description: 'Store staff opened a fake refund portal.',
    technique: 'phishing link',
    indicators: [{ type: 'domain', value: 'giftcard-refunds.example' }],
  });
  await client.ok(ANALYST, 'GET', `${base}/effectiveness-report`);
  await steps.complete(
    ANALYST,
    'effectiveness_check',
    'The block list stops the 2025 campaign at the domain.',
  );

  await ctx.at(-95 * DAY_MS);
  await steps.complete(
    NORTHWIND_IT,
    'console_setup',
    'Groups and policies entered as approved.',
    'Console export.\n',
  );
  for (const kind of ['peacetime', 'incident'])
    await client.ok(
      NORTHWIND_SECURITY,
      'POST',
      `${base}/runbooks/${kind}/versions/1/approve`,
      {},
      200,
    );
  await steps.complete(
    NORTHWIND_SECURITY,
    'staff_briefing',
    'Briefed the support centre and the store managers.',
    'Briefing slides.\n',
  );
  await steps.complete(NORTHWIND_IT, 'notification_contacts', 'Contacts confirmed.');
  const all = await steps.deploymentHosts(NORTHWIND_IT, 'pending');
  await steps.deploy(NORTHWIND_IT, 'wave-1.csv', all.slice(0, 10));
  await steps.complete(NORTHWIND_IT, 'sensor_deployment_started', 'Wave 1: the support centre.');

  // The vendor's domain authorisation: the letter signed, the permission mail answered.
  await ctx.at(-88 * DAY_MS);
  const security = await client.ok<{ user: { id: string } }>(NORTHWIND_SECURITY, 'GET', '/api/me');
  const signature = await client.ok<{ id: string }>(
    LEAD,
    'POST',
    `/api/onboardings/${onboarding.id}/signature-requests`,
    { document: 'authorisation_letter', signerUserId: security.user.id },
  );
  await ctx.at(-87 * DAY_MS);
  await client.ok(
    NORTHWIND_SECURITY,
    'POST',
    `/api/onboardings/${onboarding.id}/signature-requests/${signature.id}/sign`,
    { password: ctx.password, typedName: 'Jordan Smith' },
    200,
  );
  const sent = await client.ok<{ items: { id: string }[] }>(
    LEAD,
    'POST',
    `/api/onboardings/${onboarding.id}/domain-confirmations`,
    { recipients: [NORTHWIND_SECURITY] },
  );
  await moments.confirmDomain(sent.items[0].id);
  await steps.expectState(
    LEAD,
    'done',
    'domain_authorisation_signature',
    'domain_permission_email',
  );

  await ctx.at(-84 * DAY_MS);
  await steps.deploy(NORTHWIND_IT, 'wave-2.csv', all.slice(10));
  await steps.complete(
    NORTHWIND_IT,
    'sensor_deployment_completed',
    'Every endpoint reports to the console.',
  );
  await steps.complete(
    LEAD,
    'console_access_granted',
    'The vendor granted our SOC access to the tenant.',
    'Vendor confirmation.\n',
  );
  await steps.complete(
    ANALYST,
    'escalation_test',
    'Called the security lead; acknowledged in 4 minutes.',
    'Escalation test record.\n',
  );

  // The tuning period, lived through in detect mode; the go-live review; the start.
  await ctx.at(-50 * DAY_MS);
  await steps.complete(
    NORTHWIND_SECURITY,
    'tuning_period_completed',
    'No open false positives after five weeks.',
  );
  await ctx.at(-42 * DAY_MS);
  await steps.proposeAndApprove(LEAD, NORTHWIND_SECURITY, 'go_live_readiness_review', {
    content: {
      goLiveDate: ctx.day(-36),
      summary: 'Agreement, runbooks, authorisation, access, deployment and tuning are complete.',
      openItems: [],
    },
  });
  await ctx.at(-36 * DAY_MS);
  await client.ok(LEAD, 'POST', `/api/onboardings/${onboarding.id}/start-service`, {}, 201);
  await client.ok(
    NORTHWIND_SECURITY,
    'GET',
    `/api/onboardings/${onboarding.id}/completion-certificate`,
  );

  // Peacetime: the scheduler's runs since the start, the past periods' tasks done by their
  // owners; between them the incidents.
  await peacetime(ctx, moments, base, engagementId, -35 * DAY_MS);
  const closedIncidentId = await closedIncident(ctx, base);
  await peacetime(ctx, moments, base, engagementId, -7 * DAY_MS);
  const openIncidentId = await openIncident(ctx, base);
  await ctx.at(-10 * MINUTE_MS);
  await moments.peacetimeActivity(engagementId);
  return { engagementId, onboardingId: onboarding.id, openIncidentId, closedIncidentId };
}

/** The scheduler's run at `offset`, and two days later its tasks done by their owners. */
async function peacetime(
  ctx: ScenarioContext,
  moments: InProcessMoments,
  base: string,
  engagementId: string,
  offset: number,
): Promise<void> {
  await ctx.at(offset);
  if (!(await moments.peacetimeActivity(engagementId))) return;
  await ctx.at(offset + 2 * DAY_MS);
  const tasks = await ctx.client.ok<{
    items: { id: string; status: string; owner: { party: string } }[];
  }>(ANALYST, 'GET', `${base}/peacetime-tasks`);
  for (const task of tasks.items.filter((t) => t.status === 'open')) {
    await ctx.client.ok(
      task.owner.party === 'customer' ? NORTHWIND_SECURITY : ANALYST,
      'POST',
      `${base}/peacetime-tasks/${task.id}/complete`,
      {},
      200,
    );
  }
}
