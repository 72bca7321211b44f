import type { Language, Role } from '@app/access';
import type { RunbookContent, RunbookStep } from './runbook-content';
import type {
  IncidentCategory,
  Party,
  PeacetimeCategory,
  ResponseAction,
  RunbookKind,
  ScheduleFrequency,
  Severity,
} from './vocabulary';

/** The language-independent shape of a default step. */
interface StepShape {
  key: string;
  category: PeacetimeCategory | IncidentCategory;
  party: Party;
  role: Role;
  frequency?: ScheduleFrequency;
  severity?: Severity;
  responseAction?: ResponseAction;
}

/** The words of a default step in one language; a step has a trigger or a schedule detail. */
interface StepWords {
  title: string;
  trigger?: string;
  detail?: string;
  timing: string;
  actions: string[];
  template?: { subject: string; body: string };
}

const PEACETIME: StepShape[] = [
  {
    key: 'daily_sensor_health_check',
    category: 'sensor_health_check',
    party: 'provider',
    role: 'provider_analyst',
    frequency: 'daily',
  },
  {
    key: 'offline_sensor_follow_up',
    category: 'sensor_health_check',
    party: 'customer',
    role: 'customer_it',
  },
  {
    key: 'weekly_tuning_review',
    category: 'tuning_review',
    party: 'provider',
    role: 'provider_analyst',
    frequency: 'weekly',
  },
  {
    key: 'tuning_approval',
    category: 'tuning_review',
    party: 'customer',
    role: 'customer_security_lead',
  },
  {
    key: 'monthly_report',
    category: 'periodic_report',
    party: 'provider',
    role: 'provider_lead',
    frequency: 'monthly',
  },
  {
    key: 'monthly_meeting',
    category: 'regular_meeting',
    party: 'provider',
    role: 'account_manager',
    frequency: 'monthly',
  },
  {
    key: 'quarterly_service_review',
    category: 'regular_meeting',
    party: 'provider',
    role: 'provider_lead',
    frequency: 'quarterly',
  },
  {
    key: 'contact_list_check',
    category: 'other',
    party: 'customer',
    role: 'customer_security_lead',
    frequency: 'quarterly',
  },
];

const INCIDENT: StepShape[] = [
  {
    key: 'triage_critical',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'critical',
  },
  {
    key: 'triage_high',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'high',
  },
  {
    key: 'triage_medium',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'medium',
  },
  {
    key: 'triage_low',
    category: 'triage',
    party: 'provider',
    role: 'provider_analyst',
    severity: 'low',
  },
  {
    key: 'escalate_to_contacts',
    category: 'escalation',
    party: 'provider',
    role: 'provider_analyst',
  },
  {
    key: 'isolate_host',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'isolate_host',
  },
  {
    key: 'kill_process',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'kill_process',
  },
  {
    key: 'quarantine_file',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'quarantine_file',
  },
  {
    key: 'block_hash',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'block_hash',
  },
  {
    key: 'disable_account',
    category: 'response_action',
    party: 'provider',
    role: 'provider_analyst',
    responseAction: 'disable_account',
  },
  { key: 'initial_notice', category: 'communication', party: 'provider', role: 'provider_analyst' },
  { key: 'status_update', category: 'communication', party: 'provider', role: 'provider_lead' },
  { key: 'recovery', category: 'recovery', party: 'customer', role: 'customer_it' },
  { key: 'post_incident_review', category: 'review', party: 'provider', role: 'provider_lead' },
];

const PEACETIME_WORDS: Record<Language, { title: string; steps: Record<string, StepWords> }> = {
  en: {
    title: 'Peacetime operations runbook',
    steps: {
      daily_sensor_health_check: {
        title: 'Daily sensor health check',
        detail: 'Every business day by 10:00 in the customer’s time zone',
        timing: 'Finished by 10:00 each business day',
        actions: [
          'Check that every sensor has reported to the console in the last 24 hours.',
          'List sensors that are offline, out of date or in reduced-functionality mode.',
          'Open a ticket with the country IT staff for each sensor offline for more than 72 hours.',
        ],
      },
      offline_sensor_follow_up: {
        title: 'Restore offline or outdated sensors',
        trigger: 'A ticket from the MDR provider about an offline or outdated sensor',
        timing: 'Within 3 business days of the ticket',
        actions: [
          'Check whether the endpoint is in use, retired or away from the network.',
          'Reinstall or update the sensor, or record the endpoint as retired.',
          'Close the ticket with what was done.',
        ],
      },
      weekly_tuning_review: {
        title: 'Weekly tuning review',
        detail: 'Every week while in detect mode; monthly once in block mode',
        timing: 'Proposal sent by the end of each review week',
        actions: [
          'Review the false positives of the week by rule and by business application.',
          'Propose exclusions or rule changes, each with its reason and its risk.',
          'Check that no proposal lowers protection below what the existing antivirus gives.',
        ],
      },
      tuning_approval: {
        title: 'Approve tuning changes',
        trigger: 'A tuning proposal from the MDR provider',
        timing: 'Within 5 business days of the proposal',
        actions: [
          'Review the proposed exclusions with the owners of the affected applications.',
          'Approve or reject each change in the portal, giving a reason for a rejection.',
        ],
      },
      monthly_report: {
        title: 'Monthly service report',
        detail: 'Monthly, covering the previous calendar month',
        timing: 'By the 5th business day of the following month',
        actions: [
          'Summarise detections by severity and by country.',
          'List the response actions taken and who authorised them.',
          'Report sensor coverage and health, and the tuning changes made.',
          'Report SLA performance and recommend improvements.',
        ],
      },
      monthly_meeting: {
        title: 'Monthly regular meeting',
        detail: 'Monthly, within two weeks of the monthly report',
        timing: 'Minutes shared within 2 business days of the meeting',
        actions: [
          'Walk through the monthly report and open issues.',
          'Agree on upcoming changes (new sites, OS upgrades, application roll-outs).',
          'Record decisions and owners in the minutes.',
        ],
      },
      quarterly_service_review: {
        title: 'Quarterly service review',
        detail: 'Once a quarter, with the customer’s security lead',
        timing: 'In the first month of each quarter',
        actions: [
          'Review SLA results, the authorisation modes and the never-touch list.',
          'Decide whether the runbooks or the service agreement need a new version.',
        ],
      },
      contact_list_check: {
        title: 'Confirm the escalation contacts',
        detail: 'Once a quarter',
        timing: 'Before each quarterly service review',
        actions: [
          'Confirm every escalation contact’s phone number, email and working hours.',
          'Propose a new agreement version when a contact has changed.',
        ],
      },
    },
  },
  ja: {
    title: '平時運用 手順書',
    steps: {
      daily_sensor_health_check: {
        title: 'センサー稼働状況の日次確認',
        detail: '毎営業日、お客様の現地時間 10:00 まで',
        timing: '毎営業日 10:00 までに完了',
        actions: [
          'すべてのセンサーが直近 24 時間以内にコンソールへ接続していることを確認する。',
          'オフライン、旧バージョン、機能制限モードのセンサーを一覧にする。',
          '72 時間を超えてオフラインのセンサーごとに、各国 IT 担当者へチケットを起票する。',
        ],
      },
      offline_sensor_follow_up: {
        title: 'オフライン・旧バージョンのセンサーの復旧',
        trigger: 'MDR 事業者からオフラインまたは旧バージョンのセンサーに関するチケットを受けたとき',
        timing: 'チケット受領から 3 営業日以内',
        actions: [
          '端末が使用中か、廃棄済みか、ネットワーク外にあるかを確認する。',
          'センサーを再インストールまたは更新する。廃棄済みの場合はその旨を記録する。',
          '実施内容を記載してチケットをクローズする。',
        ],
      },
      weekly_tuning_review: {
        title: 'チューニングの週次レビュー',
        detail: '検知モードの期間中は毎週、ブロックモード移行後は毎月',
        timing: '各レビュー週の末日までに提案を送付',
        actions: [
          '今週の誤検知をルール別・業務アプリケーション別に確認する。',
          '除外設定やルール変更を、理由とリスクを添えて提案する。',
          '既存のウイルス対策製品より防御水準が下がる提案がないことを確認する。',
        ],
      },
      tuning_approval: {
        title: 'チューニング変更の承認',
        trigger: 'MDR 事業者からチューニングの提案を受けたとき',
        timing: '提案受領から 5 営業日以内',
        actions: [
          '対象アプリケーションの担当者と、提案された除外設定を確認する。',
          'ポータルで変更ごとに承認または却下する。却下する場合は理由を記入する。',
        ],
      },
      monthly_report: {
        title: '月次報告',
        detail: '毎月（前月分）',
        timing: '翌月の第 5 営業日まで',
        actions: [
          '検知件数を重大度別・国別にまとめる。',
          '実施した対応措置と、その承認者を一覧にする。',
          'センサーの導入率と稼働状況、実施したチューニングを報告する。',
          'SLA の達成状況を報告し、改善策を提案する。',
        ],
      },
      monthly_meeting: {
        title: '月次定例会',
        detail: '毎月、月次報告から 2 週間以内',
        timing: '定例会後 2 営業日以内に議事録を共有',
        actions: [
          '月次報告と未解決の課題を確認する。',
          '今後の変更（拠点の追加、OS のアップグレード、アプリケーションの展開）について合意する。',
          '決定事項と担当者を議事録に記録する。',
        ],
      },
      quarterly_service_review: {
        title: '四半期サービスレビュー',
        detail: '四半期ごと、お客様のセキュリティ責任者と実施',
        timing: '各四半期の最初の月',
        actions: [
          'SLA の実績、対応措置の権限、操作禁止の資産を見直す。',
          '手順書やサービス契約の改版が必要かを判断する。',
        ],
      },
      contact_list_check: {
        title: 'エスカレーション連絡先の確認',
        detail: '四半期ごと',
        timing: '各四半期サービスレビューの前',
        actions: [
          '各連絡先の電話番号、メールアドレス、勤務時間が最新であることを確認する。',
          '連絡先に変更があれば、サービス契約の新しい版を提案する。',
        ],
      },
    },
  },
  zh: {
    title: '日常运营手册',
    steps: {
      daily_sensor_health_check: {
        title: '每日传感器健康检查',
        detail: '每个工作日，客户当地时间 10:00 前',
        timing: '每个工作日 10:00 前完成',
        actions: [
          '确认所有传感器在过去 24 小时内都已连接控制台。',
          '列出离线、版本过旧或处于功能受限模式的传感器。',
          '对离线超过 72 小时的传感器，逐一向各国 IT 人员提交工单。',
        ],
      },
      offline_sensor_follow_up: {
        title: '恢复离线或版本过旧的传感器',
        trigger: '收到 MDR 服务商关于离线或版本过旧传感器的工单',
        timing: '收到工单后 3 个工作日内',
        actions: [
          '确认终端是否仍在使用、已经报废或不在网络中。',
          '重新安装或升级传感器；如终端已报废，则予以记录。',
          '注明处理内容后关闭工单。',
        ],
      },
      weekly_tuning_review: {
        title: '每周调优评审',
        detail: '检测模式期间每周一次；切换到阻止模式后每月一次',
        timing: '每个评审周结束前提交建议',
        actions: [
          '按规则和业务应用梳理本周的误报。',
          '提出排除项或规则变更建议，并说明理由和风险。',
          '确认所有建议都不会使防护水平低于现有杀毒软件。',
        ],
      },
      tuning_approval: {
        title: '审批调优变更',
        trigger: '收到 MDR 服务商的调优建议',
        timing: '收到建议后 5 个工作日内',
        actions: [
          '与相关应用的负责人一起审阅建议的排除项。',
          '在门户中逐项批准或驳回；驳回时须注明理由。',
        ],
      },
      monthly_report: {
        title: '月度服务报告',
        detail: '每月一次，涵盖上一个自然月',
        timing: '次月第 5 个工作日前',
        actions: [
          '按严重级别和国家/地区汇总检测情况。',
          '列出已执行的响应处置及其授权人。',
          '报告传感器覆盖率、健康状况以及已完成的调优。',
          '报告 SLA 达成情况并提出改进建议。',
        ],
      },
      monthly_meeting: {
        title: '月度例会',
        detail: '每月一次，在月度报告发布后两周内召开',
        timing: '会后 2 个工作日内分发会议纪要',
        actions: [
          '逐项回顾月度报告和未解决的问题。',
          '就即将发生的变更（新增站点、操作系统升级、应用上线）达成一致。',
          '在会议纪要中记录决定事项及负责人。',
        ],
      },
      quarterly_service_review: {
        title: '季度服务评审',
        detail: '每季度一次，与客户安全负责人共同进行',
        timing: '每季度的第一个月',
        actions: [
          '评审 SLA 执行结果、响应处置的授权方式以及禁止操作的资产清单。',
          '判断运营手册或服务协议是否需要发布新版本。',
        ],
      },
      contact_list_check: {
        title: '核对升级联系人',
        detail: '每季度一次',
        timing: '每次季度服务评审之前',
        actions: [
          '核对每位升级联系人的电话、电子邮件和工作时间是否为最新。',
          '如联系人有变动，提出新版服务协议。',
        ],
      },
    },
  },
};

const INCIDENT_WORDS: Record<Language, { title: string; steps: Record<string, StepWords> }> = {
  en: {
    title: 'Incident response runbook',
    steps: {
      triage_critical: {
        title: 'Triage a critical detection',
        trigger: 'A detection the EDR rates critical',
        timing: 'Acknowledge within the critical SLA',
        actions: [
          'Confirm whether the detection is a true positive.',
          'Find the affected hosts and accounts and open an incident record.',
          'Start the escalation at once.',
        ],
      },
      triage_high: {
        title: 'Triage a high detection',
        trigger: 'A detection the EDR rates high',
        timing: 'Acknowledge within the high SLA',
        actions: [
          'Confirm whether the detection is a true positive.',
          'Raise it to critical if it spreads or touches a server.',
        ],
      },
      triage_medium: {
        title: 'Triage a medium detection',
        trigger: 'A detection the EDR rates medium',
        timing: 'Acknowledge within the medium SLA',
        actions: [
          'Investigate in business hours and record the verdict.',
          'Notify the customer by the agreed channel.',
        ],
      },
      triage_low: {
        title: 'Triage a low detection',
        trigger: 'A detection the EDR rates low',
        timing: 'Acknowledge within the low SLA',
        actions: ['Record the verdict and include it in the monthly report.'],
      },
      escalate_to_contacts: {
        title: 'Escalate to the customer',
        trigger: 'A confirmed critical or high incident',
        timing: 'Immediately after triage',
        actions: [
          'Call the escalation contacts in the agreed order, in their working hours first.',
          'If a contact does not answer within 15 minutes, call the next one.',
          'Record who was reached, when, and what they decided.',
        ],
      },
      isolate_host: {
        title: 'Isolate a host',
        trigger: 'A host is confirmed compromised',
        timing: 'As the agreed authorisation allows',
        actions: [
          'Check that the host is not on the never-touch list.',
          'Isolate the host from the network in the EDR console.',
          'Confirm the isolation and tell the customer.',
        ],
      },
      kill_process: {
        title: 'Kill a malicious process',
        trigger: 'A malicious process is running',
        timing: 'As the agreed authorisation allows',
        actions: [
          'Check that the host is not on the never-touch list.',
          'Kill the process and record its hash and command line.',
        ],
      },
      quarantine_file: {
        title: 'Quarantine a file',
        trigger: 'A malicious file is found on an endpoint',
        timing: 'As the agreed authorisation allows',
        actions: [
          'Check that the existing antivirus has not already quarantined it, to avoid a double quarantine.',
          'Quarantine the file and record its path and hash.',
        ],
      },
      block_hash: {
        title: 'Block a hash',
        trigger: 'A file hash is confirmed malicious',
        timing: 'As the agreed authorisation allows',
        actions: [
          'Add the hash to the static block list.',
          'Record the reason and the incident it belongs to.',
        ],
      },
      disable_account: {
        title: 'Disable an account',
        trigger: 'An account is confirmed compromised',
        timing: 'As the agreed authorisation allows',
        actions: [
          'Disable the account in the directory.',
          'Tell the account’s owner and the customer’s security lead.',
        ],
      },
      initial_notice: {
        title: 'Send the first incident notice',
        trigger: 'An incident is confirmed',
        timing: 'Within the SLA response time',
        actions: [
          'Send the notice in the agreed language by the channel of the incident’s severity.',
        ],
        template: {
          subject: '[{severity}] Incident {incident_id}: {summary}',
          body:
            'We have confirmed an incident affecting {affected_assets}.\n' +
            'What we saw: {summary}\nWhat we have done: {actions_taken}\nWhat we need from you: {customer_actions}\n' +
            'Next update: {next_update_at}',
        },
      },
      status_update: {
        title: 'Send status updates',
        trigger: 'An open critical or high incident',
        timing: 'Every 2 hours for critical, every 4 hours for high',
        actions: ['Send an update even when nothing has changed.'],
        template: {
          subject: '[{severity}] Update on incident {incident_id}',
          body: 'Status: {status}\nSince the last update: {changes}\nNext steps: {next_steps}\nNext update: {next_update_at}',
        },
      },
      recovery: {
        title: 'Recover the affected endpoints',
        trigger: 'The threat is contained',
        timing: 'As agreed on the incident call',
        actions: [
          'Clean or reimage the affected hosts.',
          'Reset the credentials of the affected accounts.',
          'Ask the MDR provider to release the isolation.',
        ],
      },
      post_incident_review: {
        title: 'Post-incident review',
        trigger: 'The incident is closed',
        timing: 'Within 10 business days of closing',
        actions: [
          'Write the timeline, the root cause and the lessons learnt.',
          'Propose changes to the runbooks, the block list or the agreement.',
        ],
      },
    },
  },
  ja: {
    title: '有事運用 手順書',
    steps: {
      triage_critical: {
        title: '重大度「緊急」の検知のトリアージ',
        trigger: 'EDR が「緊急」と判定した検知',
        timing: '「緊急」の SLA 時間内に受付',
        actions: [
          '誤検知ではないことを確認する。',
          '影響を受けたホストとアカウントを特定し、インシデントを起票する。',
          '直ちにエスカレーションを開始する。',
        ],
      },
      triage_high: {
        title: '重大度「高」の検知のトリアージ',
        trigger: 'EDR が「高」と判定した検知',
        timing: '「高」の SLA 時間内に受付',
        actions: [
          '誤検知ではないことを確認する。',
          '感染が広がる場合やサーバーに及ぶ場合は「緊急」に引き上げる。',
        ],
      },
      triage_medium: {
        title: '重大度「中」の検知のトリアージ',
        trigger: 'EDR が「中」と判定した検知',
        timing: '「中」の SLA 時間内に受付',
        actions: [
          '営業時間内に調査し、判定結果を記録する。',
          '合意した連絡手段でお客様に通知する。',
        ],
      },
      triage_low: {
        title: '重大度「低」の検知のトリアージ',
        trigger: 'EDR が「低」と判定した検知',
        timing: '「低」の SLA 時間内に受付',
        actions: ['判定結果を記録し、月次報告に含める。'],
      },
      escalate_to_contacts: {
        title: 'お客様へのエスカレーション',
        trigger: '「緊急」または「高」のインシデントが確定したとき',
        timing: 'トリアージ完了後ただちに',
        actions: [
          '合意した順序で、勤務時間内の連絡先から優先して電話する。',
          '15 分以内に応答がなければ、次の連絡先に電話する。',
          '誰に、いつ連絡がつき、何が決まったかを記録する。',
        ],
      },
      isolate_host: {
        title: 'ホストの隔離',
        trigger: 'ホストの侵害が確認されたとき',
        timing: '合意した権限の範囲内で',
        actions: [
          '対象ホストが操作禁止の資産に含まれていないことを確認する。',
          'EDR コンソールでホストをネットワークから隔離する。',
          '隔離できたことを確認し、お客様に連絡する。',
        ],
      },
      kill_process: {
        title: '不正なプロセスの強制終了',
        trigger: '不正なプロセスが実行されているとき',
        timing: '合意した権限の範囲内で',
        actions: [
          '対象ホストが操作禁止の資産に含まれていないことを確認する。',
          'プロセスを強制終了し、ハッシュ値とコマンドラインを記録する。',
        ],
      },
      quarantine_file: {
        title: 'ファイルの隔離',
        trigger: '端末で不正なファイルが見つかったとき',
        timing: '合意した権限の範囲内で',
        actions: [
          '二重隔離を避けるため、既存のウイルス対策製品がすでに隔離していないことを確認する。',
          'ファイルを隔離し、パスとハッシュ値を記録する。',
        ],
      },
      block_hash: {
        title: 'ハッシュのブロック',
        trigger: 'ファイルのハッシュ値が不正と確認されたとき',
        timing: '合意した権限の範囲内で',
        actions: [
          'ハッシュ値を静的ブロックリストに追加する。',
          '理由と関連するインシデントを記録する。',
        ],
      },
      disable_account: {
        title: 'アカウントの無効化',
        trigger: 'アカウントの侵害が確認されたとき',
        timing: '合意した権限の範囲内で',
        actions: [
          'ディレクトリでアカウントを無効化する。',
          'アカウントの利用者とお客様のセキュリティ責任者に連絡する。',
        ],
      },
      initial_notice: {
        title: 'インシデントの第一報',
        trigger: 'インシデントが確定したとき',
        timing: 'SLA の対応期限内',
        actions: ['合意した言語で、インシデントの重大度に応じた連絡手段により第一報を送る。'],
        template: {
          subject: '【{severity}】インシデント {incident_id}：{summary}',
          body:
            '{affected_assets} に影響するインシデントを確認しました。\n' +
            '検知内容：{summary}\n実施済みの対応：{actions_taken}\nお客様へのお願い：{customer_actions}\n' +
            '次回の報告予定：{next_update_at}',
        },
      },
      status_update: {
        title: '続報の送付',
        trigger: '「緊急」または「高」のインシデントが継続しているとき',
        timing: '「緊急」は 2 時間ごと、「高」は 4 時間ごと',
        actions: ['状況に変化がなくても続報を送る。'],
        template: {
          subject: '【{severity}】インシデント {incident_id} の続報',
          body: '状況：{status}\n前回の報告以降の変化：{changes}\n今後の対応：{next_steps}\n次回の報告予定：{next_update_at}',
        },
      },
      recovery: {
        title: '影響を受けた端末の復旧',
        trigger: '脅威の封じ込めが完了したとき',
        timing: 'インシデント対応会議で合意した期限まで',
        actions: [
          '影響を受けたホストを駆除または再構築する。',
          '影響を受けたアカウントの認証情報をリセットする。',
          'MDR 事業者にホストの隔離解除を依頼する。',
        ],
      },
      post_incident_review: {
        title: '事後レビュー',
        trigger: 'インシデントがクローズしたとき',
        timing: 'クローズから 10 営業日以内',
        actions: [
          '時系列、根本原因、教訓をまとめる。',
          '手順書、ブロックリスト、サービス契約の見直しを提案する。',
        ],
      },
    },
  },
  zh: {
    title: '事件响应手册',
    steps: {
      triage_critical: {
        title: '“严重”级别检测的分诊',
        trigger: 'EDR 判定为“严重”的检测',
        timing: '在“严重”级别的 SLA 时限内确认',
        actions: [
          '确认该检测不是误报。',
          '找出受影响的主机和账户，并创建事件记录。',
          '立即启动升级流程。',
        ],
      },
      triage_high: {
        title: '“高”级别检测的分诊',
        trigger: 'EDR 判定为“高”的检测',
        timing: '在“高”级别的 SLA 时限内确认',
        actions: ['确认该检测不是误报。', '如威胁扩散或波及服务器，提升为“严重”。'],
      },
      triage_medium: {
        title: '“中”级别检测的分诊',
        trigger: 'EDR 判定为“中”的检测',
        timing: '在“中”级别的 SLA 时限内确认',
        actions: ['在工作时间内调查并记录结论。', '通过约定的渠道通知客户。'],
      },
      triage_low: {
        title: '“低”级别检测的分诊',
        trigger: 'EDR 判定为“低”的检测',
        timing: '在“低”级别的 SLA 时限内确认',
        actions: ['记录结论，并纳入月度报告。'],
      },
      escalate_to_contacts: {
        title: '向客户升级',
        trigger: '确认发生“严重”或“高”级别事件',
        timing: '分诊完成后立即进行',
        actions: [
          '按约定顺序致电升级联系人，优先联系处于工作时间的人员。',
          '如联系人 15 分钟内未接听，则致电下一位。',
          '记录联系到的人员、时间以及其作出的决定。',
        ],
      },
      isolate_host: {
        title: '隔离主机',
        trigger: '确认主机已被入侵',
        timing: '在约定的授权范围内执行',
        actions: [
          '确认该主机不在禁止操作的资产清单中。',
          '在 EDR 控制台中将主机与网络隔离。',
          '确认隔离成功并告知客户。',
        ],
      },
      kill_process: {
        title: '终止恶意进程',
        trigger: '发现正在运行的恶意进程',
        timing: '在约定的授权范围内执行',
        actions: ['确认该主机不在禁止操作的资产清单中。', '终止该进程，并记录其哈希值和命令行。'],
      },
      quarantine_file: {
        title: '隔离文件',
        trigger: '在终端上发现恶意文件',
        timing: '在约定的授权范围内执行',
        actions: [
          '为避免重复隔离，先确认现有杀毒软件尚未将其隔离。',
          '隔离该文件，并记录其路径和哈希值。',
        ],
      },
      block_hash: {
        title: '阻止哈希',
        trigger: '确认某文件哈希为恶意',
        timing: '在约定的授权范围内执行',
        actions: ['将该哈希加入静态阻止列表。', '记录原因及所属事件。'],
      },
      disable_account: {
        title: '禁用账户',
        trigger: '确认账户已被盗用',
        timing: '在约定的授权范围内执行',
        actions: ['在目录服务中禁用该账户。', '通知账户使用人及客户的安全负责人。'],
      },
      initial_notice: {
        title: '发送事件首次通报',
        trigger: '确认发生事件',
        timing: '在 SLA 响应时限内',
        actions: ['使用约定的语言，通过与事件严重级别相应的渠道发送首次通报。'],
        template: {
          subject: '【{severity}】事件 {incident_id}：{summary}',
          body:
            '我们已确认一起影响 {affected_assets} 的事件。\n' +
            '检测情况：{summary}\n已采取的措施：{actions_taken}\n需要您配合的事项：{customer_actions}\n' +
            '下次通报时间：{next_update_at}',
        },
      },
      status_update: {
        title: '发送进展通报',
        trigger: '“严重”或“高”级别事件尚未关闭',
        timing: '“严重”每 2 小时一次，“高”每 4 小时一次',
        actions: ['即使情况没有变化，也要按时发送进展通报。'],
        template: {
          subject: '【{severity}】事件 {incident_id} 进展通报',
          body: '当前状态：{status}\n自上次通报以来的变化：{changes}\n下一步：{next_steps}\n下次通报时间：{next_update_at}',
        },
      },
      recovery: {
        title: '恢复受影响的终端',
        trigger: '威胁已被遏制',
        timing: '按事件会议上约定的时间',
        actions: [
          '清除或重装受影响的主机。',
          '重置受影响账户的凭据。',
          '请 MDR 服务商解除主机隔离。',
        ],
      },
      post_incident_review: {
        title: '事后复盘',
        trigger: '事件已关闭',
        timing: '关闭后 10 个工作日内',
        actions: [
          '整理时间线、根本原因和经验教训。',
          '提出对运营手册、阻止列表或服务协议的修改建议。',
        ],
      },
    },
  },
};

function build(
  shapes: StepShape[],
  words: { title: string; steps: Record<string, StepWords> },
): RunbookContent {
  const steps = shapes.map((shape): RunbookStep => {
    const text = words.steps[shape.key];
    const step: RunbookStep = {
      key: shape.key,
      title: text.title,
      category: shape.category,
      owner: { party: shape.party, role: shape.role },
      timing: text.timing,
      actions: [...text.actions],
    };
    if (shape.frequency)
      step.schedule = text.detail
        ? { frequency: shape.frequency, detail: text.detail }
        : { frequency: shape.frequency };
    else step.trigger = text.trigger;
    if (shape.severity) step.severity = shape.severity;
    if (shape.responseAction) step.responseAction = shape.responseAction;
    if (text.template) step.template = { ...text.template };
    return step;
  });
  return { title: words.title, steps };
}

/** The runbook a new engagement starts from, in the customer's language. */
export function defaultRunbook(kind: RunbookKind, language: Language): RunbookContent {
  return kind === 'peacetime_runbook'
    ? build(PEACETIME, PEACETIME_WORDS[language])
    : build(INCIDENT, INCIDENT_WORDS[language]);
}
