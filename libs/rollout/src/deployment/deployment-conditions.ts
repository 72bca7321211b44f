import type { Language } from '@app/access';
import type { CompletionRefusal } from '@app/workflow';
import { EntityManager } from 'typeorm';
import { ENDPOINTS_WITH_SCOPE_SQL } from './sensor-scope';

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

const WORDS: Record<Language, Words> = {
  en: {
    noneInScope:
      'No endpoint of the inventory is in the sensor’s scope: import the inventory first',
    noneDeployed: (n) =>
      `None of the ${n} in-scope endpoints has the sensor deployed yet: record deployments per endpoint (API, CSV upload or the waves page)`,
    missing: (m, n, f, p, e) =>
      `${m} of ${n} in-scope endpoints are neither deployed nor excused (failed ${f}, not recorded ${p}), e.g. ${e}`,
  },
  ja: {
    noneInScope:
      'インベントリにセンサーの対象となる端末がありません。先にインベントリを取り込んでください',
    noneDeployed: (n) =>
      `対象端末 ${n} 台のいずれにもセンサーの展開が記録されていません。端末ごとの展開を記録してください（API、CSV アップロード、またはアップデートウェーブのページ）`,
    missing: (m, n, f, p, e) =>
      `対象端末 ${n} 台のうち ${m} 台が展開済みでも免除でもありません（失敗 ${f}、未記録 ${p}）。例：${e}`,
  },
  zh: {
    noneInScope: '资产清单中没有属于传感器部署范围的终端：请先导入资产清单',
    noneDeployed: (n) =>
      `范围内的 ${n} 台终端均尚未记录传感器部署：请按终端记录部署情况（API、CSV 上传或更新批次页面）`,
    missing: (m, n, f, p, e) =>
      `范围内 ${n} 台终端中有 ${m} 台既未部署也未获豁免（失败 ${f}，未记录 ${p}），例如：${e}`,
  },
};

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
