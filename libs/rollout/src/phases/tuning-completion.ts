import type { Language } from '@app/access';
import type { CompletionRefusal } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { EndpointGroup } from '../groups/endpoint-group.entity';
import { GroupPolicy } from '../groups/group-policy.entity';
import { TuningLogEntry } from './tuning-log-entry.entity';
import { daysRemaining, TuningPeriod, tuningPeriod } from './tuning-period';

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

const WORDS: Record<Language, Words> = {
  en: {
    noGroups:
      'No endpoint group exists yet: the tuning period is measured per group in detect mode',
    days: (g, d, p) => `Group "${g}" has ${d} of the ${p} days of tuning in detect mode left`,
    open: (g, n) => `Group "${g}" has ${n} open tuning log entr${n === 1 ? 'y' : 'ies'}`,
    blockByDesign: (g) =>
      `Group "${g}" was put in block mode by design, without a tuning period in detect mode`,
    summary: (b, t, d, p) =>
      `${b} of ${t} groups have not finished the ${p}-day tuning period` +
      (d > 0 ? ` (${d} day(s) remain)` : ''),
  },
  ja: {
    noGroups:
      '端末グループがまだありません。チューニング期間は検知モードのグループごとに計測します',
    days: (g, d, p) =>
      `グループ「${g}」は検知モードでのチューニング期間（${p}日）があと${d}日残っています`,
    open: (g, n) => `グループ「${g}」のチューニングログに未完了の項目が${n}件あります`,
    blockByDesign: (g) =>
      `グループ「${g}」は設計時からブロックモードで、検知モードでのチューニング期間を経ていません`,
    summary: (b, t, d, p) =>
      `${t} グループのうち ${b} グループが ${p} 日間のチューニング期間を終えていません` +
      (d > 0 ? `（残り ${d} 日）` : ''),
  },
  zh: {
    noGroups: '尚无终端分组：调优期按检测模式下的分组计算',
    days: (g, d, p) => `分组“${g}”在检测模式下的调优期（${p} 天）还剩 ${d} 天`,
    open: (g, n) => `分组“${g}”的调优日志还有 ${n} 个未关闭条目`,
    blockByDesign: (g) => `分组“${g}”在设计时即为阻断模式，未经过检测模式下的调优期`,
    summary: (b, t, d, p) =>
      `${t} 个分组中有 ${b} 个尚未完成 ${p} 天的调优期` + (d > 0 ? `（还剩 ${d} 天）` : ''),
  },
};

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
