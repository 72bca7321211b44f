import type { Language } from '@app/access';
import type { CompletionRefusal } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { ENDPOINTS_WITH_SCOPE_SQL } from './sensor-scope';
import { ROLLOUT_MESSAGES } from '../messages/rollout-messages';

/** The tasks whose completion the recorded deployment decides. */
export const DEPLOYMENT_STARTED_STEP = 'sensor_deployment_started';
export const DEPLOYMENT_COMPLETED_STEP = 'sensor_deployment_completed';

const EXAMPLES = 5;

export interface DeploymentProgress {
  inScope: number;
  deployed: number;
  excused: number;
  failed: number;
  notRecorded: number;
  /** A few in-scope endpoints neither deployed nor excused, in hostname order. */
  missing: string[];
}

/** How far the sensor's deployment has come over the endpoints that will get it. */
async function deploymentProgress(
  manager: EntityManager,
  engagementId: string,
): Promise<DeploymentProgress> {
  const [row]: {
    in_scope: number;
    deployed: number;
    excused: number;
    failed: number;
    not_recorded: number;
    missing: string[];
  }[] = await manager.query(
    `SELECT count(*)::int AS in_scope,
            count(*) FILTER (WHERE d.status = 'deployed')::int AS deployed,
            count(*) FILTER (WHERE d.status = 'excused')::int AS excused,
            count(*) FILTER (WHERE d.status = 'failed')::int AS failed,
            count(*) FILTER (WHERE d.status IS NULL)::int AS not_recorded,
            coalesce((array_agg(e.hostname ORDER BY lower(e.hostname)) FILTER (WHERE d.status IS NULL OR d.status = 'failed'))[1:${EXAMPLES}], '{}') AS missing
     FROM ${ENDPOINTS_WITH_SCOPE_SQL}
     LEFT JOIN endpoint_deployment d ON d.engagement_id = e.engagement_id AND d.endpoint_id = e.id
     WHERE e.engagement_id = $1 AND sa.reason IS NULL`,
    [engagementId],
  );
  return {
    inScope: row.in_scope,
    deployed: row.deployed,
    excused: row.excused,
    failed: row.failed,
    notRecorded: row.not_recorded,
    missing: row.missing,
  };
}

type Words = {
  noneInScope: string;
  noneDeployed: (inScope: number) => string;
  missing: (
    missing: number,
    inScope: number,
    failed: number,
    notRecorded: number,
    examples: string,
  ) => string;
};

/** Why the deployment is not there yet (`deploymentConditions.*` in the roll-out catalog). */
const WORDS: Readonly<Record<Language, Words>> = {
  ja: words('ja'),
  en: words('en'),
  zh: words('zh'),
};

function words(language: Language): Words {
  const t = (key: string, params: Record<string, unknown> = {}) =>
    ROLLOUT_MESSAGES.translate(language, `deploymentConditions.${key}`, params);
  return {
    noneInScope: t('noneInScope'),
    noneDeployed: (inScope) => t('noneDeployed', { inScope }),
    missing: (missing, inScope, failed, notRecorded, examples) =>
      t('missing', { missing, inScope, failed, notRecorded, examples }),
  };
}

/** `sensor_deployment_started` needs at least one in-scope endpoint with the sensor deployed. */
export async function deploymentStartedRefusal(
  manager: EntityManager,
  engagementId: string,
  language: Language,
): Promise<CompletionRefusal | null> {
  const progress = await deploymentProgress(manager, engagementId);
  if (progress.deployed > 0) return null;
  const words = WORDS[language];
  return {
    reasons: [progress.inScope === 0 ? words.noneInScope : words.noneDeployed(progress.inScope)],
    details: { deployment: progress },
  };
}

/** `sensor_deployment_completed` needs every in-scope endpoint deployed or individually excused. */
export async function deploymentCompletedRefusal(
  manager: EntityManager,
  engagementId: string,
  language: Language,
): Promise<CompletionRefusal | null> {
  const progress = await deploymentProgress(manager, engagementId);
  const words = WORDS[language];
  if (progress.inScope === 0)
    return { reasons: [words.noneInScope], details: { deployment: progress } };
  const missing = progress.failed + progress.notRecorded;
  if (missing === 0) return null;
  return {
    reasons: [
      words.missing(
        missing,
        progress.inScope,
        progress.failed,
        progress.notRecorded,
        progress.missing.join(', '),
      ),
    ],
    details: { deployment: progress },
  };
}
