import type { Language } from '@app/access';
import { EntityManager } from 'typeorm';
import { ROLLOUT_MESSAGES } from '../messages/rollout-messages';
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

/** The reasons a group cannot switch yet (`switchReadiness.*` in the roll-out catalog). */
const WORDS: Readonly<Record<Language, Words>> = {
  ja: words('ja'),
  en: words('en'),
  zh: words('zh'),
};

function words(language: Language): Words {
  const t = (key: string, params: Record<string, unknown>) =>
    ROLLOUT_MESSAGES.translate(language, `switchReadiness.${key}`, params);
  return {
    notDetect: (group) => t('notDetect', { group }),
    evaluation: (group) => t('evaluation', { group }),
    tuning: (group, days, period) => t('tuning', { group, days, period }),
    openEntries: (group, count, names) =>
      t(count === 1 ? 'openEntriesOne' : 'openEntriesMany', { group, count, names }),
  };
}

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
