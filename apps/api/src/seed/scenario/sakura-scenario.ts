import { DEFAULT_REMINDERS, reminderSlotAfter } from '@app/workflow';
import { sampleAgreement } from './agreement-drafts';
import { OnboardingActions, productNames } from './onboarding-actions';
import {
  SAKURA_GROUPS,
  SAKURA_SITE_FIGURES,
  SAKURA_SITES,
  sakuraInventoryCsv,
} from './sakura-estate';
import {
  ADMIN,
  ANALYST,
  DAY_MS,
  HOUR_MS,
  LEAD,
  SAKURA_IT_CN,
  SAKURA_IT_JP,
  SAKURA_SECURITY,
  ScenarioContext,
} from './scenario-context';

/** How many days before the story's today the planned service start lies (negative: ahead). */
const PLANNED_START_IN_DAYS = 12;

export interface SakuraSeeded {
  engagementId: string;
  onboardingId: string;
}

/**
 * Sakura Manufacturing, eleven weeks into its onboarding: the introduction lived through step by
 * step (inventory of 302 endpoints with decisions, AV coexistence, groups and policies, bandwidth
 * and waves, agreement and runbooks approved), the sensor on every Japanese endpoint. What waits
 * today: the security lead's signature and domain confirmation, the group design made stale by a
 * policy change two days ago, and the Shanghai deployment, overdue, on the IT staff.
 */
export async function seedSakura(
  ctx: ScenarioContext,
  engagementId: string,
): Promise<SakuraSeeded> {
  const { client } = ctx;
  const base = `/api/engagements/${engagementId}`;

  // 80 days ago: the agreement and both runbooks proposed, the onboarding opened.
  await ctx.at(-80 * DAY_MS);
  await client.ok(LEAD, 'POST', `${base}/agreement`, sampleAgreement());
  await client.ok(LEAD, 'POST', `${base}/agreement/versions/1/propose`, {}, 200);
  for (const kind of ['peacetime', 'incident']) {
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}`, {});
    await client.ok(LEAD, 'POST', `${base}/runbooks/${kind}/versions/1/propose`, {}, 200);
  }
  const onboarding = await client.ok<{ id: string }>(LEAD, 'POST', '/api/onboardings', {
    engagementId,
    templateKey: 'edr-mdr-onboarding',
    plannedStartDate: ctx.day(PLANNED_START_IN_DAYS),
  });
  const steps = new OnboardingActions(ctx, engagementId, onboarding.id);

  // 75 days ago: requirements, the inventory, the products on it, the sites' bandwidth.
  await ctx.at(-75 * DAY_MS);
  await steps.complete(
    SAKURA_SECURITY,
    'mdr_requirements_defined',
    '24時間365日の監視、プロバイダーとは日本語、隔離は当社の承認後のみ。',
  );
  await client.upload(SAKURA_IT_JP, `${base}/endpoints/import`, {}, [
    {
      field: 'file',
      name: 'sakura-inventory.csv',
      type: 'text/csv',
      content: sakuraInventoryCsv(),
    },
  ]);
  await steps.complete(
    SAKURA_IT_JP,
    'endpoint_inventory',
    '資産台帳から3拠点分を出力しました(302台)。',
  );
  await ctx.at(-72 * DAY_MS);
  const products = await client.ok<unknown>(SAKURA_IT_JP, 'GET', `${base}/security-products`);
  for (const product of productNames(products)) {
    await client.ok(
      SAKURA_IT_JP,
      'PUT',
      `${base}/security-products/plan`,
      {
        product,
        action: 'coexist',
        quarantines: true,
        note: 'EDRがブロックモードになるまで併用。既存AVが隔離を行う。',
      },
      200,
    );
  }
  await steps.complete(
    SAKURA_IT_JP,
    'existing_security_products',
    '全PCにLegacy AV 12。サーバーには未導入。',
  );
  for (const site of SAKURA_SITES)
    await client.ok(
      SAKURA_IT_JP,
      'PUT',
      `${base}/sites/${encodeURIComponent(site)}`,
      SAKURA_SITE_FIGURES,
      200,
    );
  await steps.complete(SAKURA_IT_JP, 'bandwidth_survey', '業務時間帯に1週間計測しました。');

  // 68 days ago: the agreement approved; a decision for every endpoint that needs one.
  await ctx.at(-68 * DAY_MS);
  await client.ok(SAKURA_SECURITY, 'POST', `${base}/agreement/versions/1/approve`, {}, 200);
  await steps.expectState(LEAD, 'done', 'communication_language', 'service_agreement');
  const needing = await steps.endpointsNeedingDecision(SAKURA_SECURITY);
  const ids = (match: (e: (typeof needing)[number]) => boolean) =>
    needing.filter(match).map((e) => e.id);
  const decisions = [
    {
      kind: 'upgrade',
      upgradeBy: ctx.day(120),
      note: 'ERPとファイルサーバーを来期Server 2022へ移行',
      endpointIds: ids((e) => e.type === 'server' && e.osFamily === 'windows'),
    },
    {
      kind: 'upgrade',
      upgradeBy: ctx.day(60),
      note: 'Windows 10 22H2のPCはWindows 11へ更新(リース更新と同時)',
      endpointIds: ids((e) => e.type === 'client' && e.osVersion !== 'Windows 7'),
    },
    {
      kind: 'accept_risk',
      note: 'MES旧系統。ネットワーク分離で補完し、2027年度に廃止。',
      endpointIds: ids((e) => e.osFamily === 'linux'),
    },
    {
      kind: 'exclude',
      note: 'サービス開始前に廃棄予定のWindows 7端末',
      endpointIds: ids((e) => e.type === 'client' && e.osVersion === 'Windows 7'),
    },
  ];
  for (const decision of decisions) {
    if (decision.endpointIds.length > 0)
      await client.ok(SAKURA_SECURITY, 'POST', `${base}/endpoint-decisions`, decision);
  }
  await steps.proposeAndApprove(LEAD, SAKURA_SECURITY, 'unsupported_os_decisions');
  await steps.proposeAndApprove(LEAD, SAKURA_SECURITY, 'existing_av_plan');

  // 60 days ago: groups and policies designed and approved, then the update and migration plans.
  await ctx.at(-60 * DAY_MS);
  for (const group of SAKURA_GROUPS) await client.ok(LEAD, 'POST', `${base}/groups`, group);
  await steps.proposeAndApprove(LEAD, SAKURA_SECURITY, 'group_policy_design');
  await steps.expectState(
    LEAD,
    'done',
    'server_detect_mode_check',
    'group_coverage_check',
    'av_quarantine_conflict_check',
  );
  await steps.proposeAndApprove(LEAD, SAKURA_SECURITY, 'update_policy');
  await steps.proposeAndApprove(LEAD, SAKURA_SECURITY, 'migration_plan');
  await steps.proposeAndApprove(LEAD, SAKURA_IT_JP, 'update_waves_plan');

  // 52 days ago: who is told, the static block list, the effectiveness check.
  await ctx.at(-52 * DAY_MS);
  await client.ok(LEAD, 'PUT', `${base}/notification-routing`, { mode: 'per_country' }, 200);
  await steps.proposeAndApprove(LEAD, SAKURA_SECURITY, 'notification_routing');
  await client.ok(ANALYST, 'POST', `${base}/block-list`, {
    type: 'domain',
    value: 'invoice-portal.example',
    reason: 'Phishing domain of the 2024 incident',
  });
  await client.ok(ANALYST, 'POST', `${base}/block-list`, {
    type: 'sha256',
    value: 'a'.repeat(64),
    reason: 'Dropper of the 2024 incident',
  });
  await steps.proposeAndApprove(ANALYST, SAKURA_SECURITY, 'static_block_list');
  await client.ok(ANALYST, 'POST', `${base}/past-incidents`, {
    title: 'Invoice phishing, 2024',
    occurredOn: '2024-06-01',
    description: 'A finance PC ran a dropper from a phishing link.',
    technique: 'phishing link, dropper',
    indicators: [{ type: 'domain', value: 'invoice-portal.example' }],
  });
  await client.ok(ANALYST, 'GET', `${base}/effectiveness-report`);
  await steps.complete(
    ANALYST,
    'effectiveness_check',
    'The block list would have stopped the 2024 incident at the domain.',
  );

  // 45 days ago: the console, the runbooks approved, the briefing, the contacts.
  await ctx.at(-45 * DAY_MS);
  await steps.complete(
    SAKURA_IT_JP,
    'console_setup',
    '承認どおりにグループ、ポリシー、更新設定をコンソールへ登録。',
    'Console export: groups and policies as approved.\n',
  );
  for (const kind of ['peacetime', 'incident'])
    await client.ok(
      SAKURA_SECURITY,
      'POST',
      `${base}/runbooks/${kind}/versions/1/approve`,
      {},
      200,
    );
  await steps.expectState(LEAD, 'done', 'peacetime_runbook', 'incident_runbook');
  await ctx.at(-40 * DAY_MS);
  await steps.complete(
    SAKURA_SECURITY,
    'staff_briefing',
    '3拠点のIT担当者へ説明会を実施。',
    'Briefing slides and attendance.\n',
  );
  await steps.complete(SAKURA_IT_CN, 'notification_contacts', 'JPとCNの連絡先を確認しました。');

  // The sensor reaches Tokyo and Osaka (wave 1). Its completion opens the rest of the deployment
  // for the IT staff; the story puts that just before one of its reminder slots, so the reminder
  // queued then is due a few seconds later and reaches the mailbox while the demo starts.
  await ctx.at(-6 * DAY_MS);
  const japan = await steps.deploymentHosts(SAKURA_IT_JP, 'pending', (e) => e.site !== '上海工厂');
  await steps.deploy(SAKURA_IT_JP, 'wave-1-japan.csv', japan);
  const remaining = (await steps.steps(LEAD)).find((s) => s.key === 'sensor_deployment_completed');
  if (!remaining) throw new Error('Scenario: sensor_deployment_completed is missing');
  const slot = reminderSlotAfter(
    new Date(remaining.dueAt),
    DEFAULT_REMINDERS,
    new Date(ctx.today.getTime() - 5 * DAY_MS),
  );
  await ctx.atInstant(new Date(slot.getTime() - 3_000));
  await steps.complete(
    SAKURA_IT_JP,
    'sensor_deployment_started',
    '第1波(東京・大阪)展開済み。上海は現地IT担当が実施予定。',
  );

  // 3 days ago: the letter to sign and the domain-permission mail go out.
  await ctx.at(-3 * DAY_MS + 2 * HOUR_MS);
  const security = await client.ok<{ user: { id: string } }>(SAKURA_SECURITY, 'GET', '/api/me');
  await client.ok(LEAD, 'POST', `/api/onboardings/${onboarding.id}/signature-requests`, {
    document: 'authorisation_letter',
    signerUserId: security.user.id,
  });
  await client.ok(LEAD, 'POST', `/api/onboardings/${onboarding.id}/domain-confirmations`, {
    recipients: [SAKURA_SECURITY],
  });

  // Yesterday: Shanghai's link is busier than measured; the provider lowers the China PCs'
  // concurrent updates, which makes the approved update policy stale until approved again.
  await ctx.at(-1 * DAY_MS + 3 * HOUR_MS);
  const overview = await client.ok<{ groups: { id: string; name: string }[] }>(
    LEAD,
    'GET',
    `${base}/groups`,
  );
  const china = overview.groups.find((g) => g.name === 'Office PCs China');
  if (!china) throw new Error('Scenario: the China group is missing');
  await client.ok(
    LEAD,
    'PUT',
    `${base}/groups/${china.id}/policy`,
    { mode: 'detect', quarantine: false, updates: 'automatic', maxConcurrentUpdates: 2 },
    200,
  );
  await steps.expectState(LEAD, 'stale', 'update_policy');
  // The admin has nothing to do here; reading the list proves the platform sees the engagement.
  await client.ok(ADMIN, 'GET', '/api/engagements');
  return { engagementId, onboardingId: onboarding.id };
}
