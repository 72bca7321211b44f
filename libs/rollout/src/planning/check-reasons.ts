import type { Language } from '@app/access';

/** Up to five hostnames, then "+N". */
export function sample(hostnames: string[]): string {
  const shown = hostnames.slice(0, 5).join(', ');
  return hostnames.length > 5 ? `${shown} +${hostnames.length - 5}` : shown;
}

type Words = {
  serversBlock: (group: string, servers: number) => string;
  evaluationBlocks: (group: string) => string;
  evaluationQuarantines: (group: string) => string;
  noGroup: (count: number, hosts: string) => string;
  several: (host: string, groups: string) => string;
  doubleQuarantine: (group: string, products: string, hosts: string) => string;
};

/** The sentences of the planning checks, in the reader's language (gate blockers show them). */
export const CHECK_REASONS: Record<Language, Words> = {
  en: {
    serversBlock: (g, n) =>
      `Group "${g}" contains ${n} server(s) but starts in block mode; servers start in detect mode`,
    evaluationBlocks: (g) =>
      `Evaluation group "${g}" is in block mode; evaluation groups never block`,
    evaluationQuarantines: (g) =>
      `Evaluation group "${g}" has quarantine on; evaluation groups never quarantine`,
    noGroup: (n, h) => `${n} endpoint(s) are in no group: ${h}`,
    several: (h, g) => `Endpoint ${h} is listed in several groups: ${g}`,
    doubleQuarantine: (g, p, h) =>
      `Group "${g}" has quarantine on, but its endpoints keep ${p}, which quarantines: ${h}`,
  },
  ja: {
    serversBlock: (g, n) =>
      `グループ「${g}」はサーバー${n}台を含みますがブロックモードで開始します。サーバーは検知モードで開始してください`,
    evaluationBlocks: (g) =>
      `評価用グループ「${g}」がブロックモードです。評価用グループはブロックしません`,
    evaluationQuarantines: (g) =>
      `評価用グループ「${g}」で隔離が有効です。評価用グループは隔離しません`,
    noGroup: (n, h) => `どのグループにも属さない端末が${n}台あります：${h}`,
    several: (h, g) => `端末 ${h} が複数のグループに登録されています：${g}`,
    doubleQuarantine: (g, p, h) =>
      `グループ「${g}」は隔離が有効ですが、端末に隔離機能のある ${p} が残ります：${h}`,
  },
  zh: {
    serversBlock: (g, n) =>
      `分组“${g}”包含 ${n} 台服务器，却以阻断模式起步；服务器须以检测模式起步`,
    evaluationBlocks: (g) => `评估分组“${g}”处于阻断模式；评估分组不得阻断`,
    evaluationQuarantines: (g) => `评估分组“${g}”启用了隔离；评估分组不得隔离`,
    noGroup: (n, h) => `${n} 台终端不属于任何分组：${h}`,
    several: (h, g) => `终端 ${h} 被列入多个分组：${g}`,
    doubleQuarantine: (g, p, h) => `分组“${g}”启用了隔离，但其终端保留了具有隔离功能的 ${p}：${h}`,
  },
};
