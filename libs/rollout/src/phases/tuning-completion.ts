import type { Language } from '@app/access';
import type { CompletionRefusal } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { EndpointGroup } from '../groups/endpoint-group.entity';
import { GroupPolicy } from '../groups/group-policy.entity';
import { TuningLogEntry } from './tuning-log-entry.entity';
import { daysRemaining, TuningPeriod, tuningPeriod } from './tuning-period';
import { ROLLOUT_MESSAGES } from '../messages/rollout-messages';

/** The task the measured tuning period decides. */
export const TUNING_PERIOD_STEP = 'tuning_period_completed';

/** A group that has not finished its tuning period. */
export interface GroupBehind {
  groupId: string;
  groupName: string;
  mode: string;
  /** Days of the tuning period in detect mode still to run (0 when the time is over). */
  daysRemaining: number;
  openEntries: number;
  /** Put in block mode by design, never through the tuning period and an approved switch. */
  blockWithoutTuning: boolean;
}

type Words = {
  noGroups: string;
  days: (group: string, days: number, period: number) => string;
  open: (group: string, count: number) => string;
  blockByDesign: (group: string) => string;
  summary: (behind: number, total: number, days: number, period: number) => string;
};

/** Why the tuning period is not over (`tuningCompletion.*` in the roll-out catalog). */
const WORDS: Readonly<Record<Language, Words>> = {
  ja: words('ja'),
  en: words('en'),
  zh: words('zh'),
};

function words(language: Language): Words {
  const t = (key: string, params: Record<string, unknown> = {}) =>
    ROLLOUT_MESSAGES.translate(language, `tuningCompletion.${key}`, params);
  return {
    noGroups: t('noGroups'),
    days: (group, days, period) => t('days', { group, days, period }),
    open: (group, count) => t(count === 1 ? 'openOne' : 'openMany', { group, count }),
    blockByDesign: (group) => t('blockByDesign', { group }),
    summary: (behind, total, days, period) =>
      t('summary', { behind, total, period }) + (days > 0 ? t('remaining', { days }) : ''),
  };
}

/**
 * Which groups have not finished the tuning period: each must have run the agreement's minimum
 * days in detect mode (a group that reached block through an approved mode switch has) with no
 * open entry in its tuning log.
 */
async function groupsBehind(
  manager: EntityManager,
  engagementId: string,
  period: TuningPeriod,
  now: Date,
): Promise<{ total: number; behind: GroupBehind[] }> {
  const groups = await manager
    .getRepository(EndpointGroup)
    .find({ where: { engagementId }, order: { priority: 'ASC' } });
  const policies = new Map(
    (await manager.getRepository(GroupPolicy).find({ where: { engagementId } })).map((p) => [
      p.groupId,
      p,
    ]),
  );
  const open: { group_id: string; n: number }[] = await manager
    .getRepository(TuningLogEntry)
    .createQueryBuilder('t')
    .select('t.group_id', 'group_id')
    .addSelect('count(*)::int', 'n')
    .where('t.engagement_id = :engagementId AND t.status = :status', {
      engagementId,
      status: 'open',
    })
    .groupBy('t.group_id')
    .getRawMany();
  const openOf = new Map(open.map((o) => [o.group_id, o.n]));
  const behind: GroupBehind[] = [];
  for (const group of groups) {
    const policy = policies.get(group.id);
    if (!policy) continue;
    const blockWithoutTuning = policy.mode === 'block' && policy.modeSource !== 'switch';
    const remaining =
      policy.mode === 'detect' ? daysRemaining(policy.modeSince, now, period.days) : 0;
    const openEntries = openOf.get(group.id) ?? 0;
    if (blockWithoutTuning || remaining > 0 || openEntries > 0) {
      behind.push({
        groupId: group.id,
        groupName: group.name,
        mode: policy.mode,
        daysRemaining: remaining,
        openEntries,
        blockWithoutTuning,
      });
    }
  }
  return { total: groups.length, behind };
}

/** `tuning_period_completed` needs every group through the measured tuning period. */
export async function tuningCompletionRefusal(
  manager: EntityManager,
  engagementId: string,
  now: Date,
  language: Language,
): Promise<CompletionRefusal | null> {
  const words = WORDS[language];
  const period = await tuningPeriod(manager, engagementId);
  const { total, behind } = await groupsBehind(manager, engagementId, period, now);
  if (total === 0)
    return {
      reasons: [words.noGroups],
      details: { tuningPeriod: period, daysRemaining: period.days, groupsBehind: [] },
    };
  if (behind.length === 0) return null;
  const days = Math.max(...behind.map((g) => g.daysRemaining));
  const reasons = [words.summary(behind.length, total, days, period.days)];
  for (const g of behind) {
    if (g.blockWithoutTuning) reasons.push(words.blockByDesign(g.groupName));
    if (g.daysRemaining > 0) reasons.push(words.days(g.groupName, g.daysRemaining, period.days));
    if (g.openEntries > 0) reasons.push(words.open(g.groupName, g.openEntries));
  }
  return { reasons, details: { tuningPeriod: period, daysRemaining: days, groupsBehind: behind } };
}
