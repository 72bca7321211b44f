import type { Language } from '@app/access';
import { EntityManager } from 'typeorm';
import type { EndpointGroup } from '../groups/endpoint-group.entity';
import type { GroupPolicy } from '../groups/group-policy.entity';
import { TuningLogEntry } from './tuning-log-entry.entity';
import { daysRemaining, TuningPeriod } from './tuning-period';

type Words = {
  notDetect: (group: string) => string;
  evaluation: (group: string) => string;
  tuning: (group: string, days: number, period: number) => string;
  openEntries: (group: string, count: number, names: string) => string;
};

const WORDS: Record<Language, Words> = {
  en: {
    notDetect: (g) => `Group "${g}" is not in detect mode`,
    evaluation: (g) => `"${g}" is an evaluation group; evaluation groups stay in detect mode`,
    tuning: (g, d, p) =>
      `Group "${g}" has ${d} day(s) of the ${p}-day minimum tuning period in detect mode left`,
    openEntries: (g, n, names) =>
      `The tuning log of group "${g}" has ${n} open entr${n === 1 ? 'y' : 'ies'}: ${names}`,
  },
  ja: {
    notDetect: (g) => `グループ「${g}」は検知モードではありません`,
    evaluation: (g) => `「${g}」は評価用グループです。評価用グループは検知モードのままとします`,
    tuning: (g, d, p) =>
      `グループ「${g}」は検知モードでの最低チューニング期間（${p}日）があと${d}日残っています`,
    openEntries: (g, n, names) =>
      `グループ「${g}」のチューニングログに未完了の項目が${n}件あります：${names}`,
  },
  zh: {
    notDetect: (g) => `分组“${g}”不处于检测模式`,
    evaluation: (g) => `“${g}”是评估分组；评估分组保持检测模式`,
    tuning: (g, d, p) => `分组“${g}”在检测模式下的最短调优期（${p} 天）还剩 ${d} 天`,
    openEntries: (g, n, names) => `分组“${g}”的调优日志还有 ${n} 个未关闭条目：${names}`,
  },
};

export interface SwitchReadiness {
  ready: boolean;
  reasons: string[];
  daysRemaining: number;
  openEntries: { id: string; detectionName: string; process: string }[];
}

/**
 * Whether a group may switch from detect to block now: in detect mode, not an evaluation group,
 * the minimum tuning period run since it entered detect mode, and no open tuning log entry.
 */
export async function switchReadiness(
  manager: EntityManager,
  group: EndpointGroup,
  policy: GroupPolicy,
  period: TuningPeriod,
  now: Date,
  language: Language,
): Promise<SwitchReadiness> {
  const words = WORDS[language];
  const reasons: string[] = [];
  if (policy.mode !== 'detect') reasons.push(words.notDetect(group.name));
  if (group.kind === 'evaluation') reasons.push(words.evaluation(group.name));
  const remaining =
    policy.mode === 'detect' ? daysRemaining(policy.modeSince, now, period.days) : 0;
  if (remaining > 0) reasons.push(words.tuning(group.name, remaining, period.days));
  const open = await manager
    .getRepository(TuningLogEntry)
    .find({ where: { groupId: group.id, status: 'open' }, order: { createdAt: 'ASC' } });
  if (open.length > 0)
    reasons.push(
      words.openEntries(group.name, open.length, open.map((e) => e.detectionName).join(', ')),
    );
  return {
    ready: reasons.length === 0,
    reasons,
    daysRemaining: remaining,
    openEntries: open.map((e) => ({
      id: e.id,
      detectionName: e.detectionName,
      process: e.process,
    })),
  };
}
