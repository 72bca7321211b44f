import { Injectable } from '@nestjs/common';
import { EngagementView, Language } from '@app/identity';
import {
  DECISION_KINDS,
  decisionRoleOf,
  EndpointDecisionService,
  EndpointQueryService,
  EndpointView,
  ImportReport,
  mayEditRollout,
  NEEDS_DECISION,
  OS_FAMILIES,
  PLAN_ACTIONS,
  ROLLOUT_PHASES,
  SecurityProductsService,
  SUPPORT_STATUSES,
  ENDPOINT_TYPES,
} from '@app/rollout';
import { translate } from '../i18n/translate';
import type { FormProblem } from '../kit/form-problem';
import { PortalViewer } from '../session/portal-viewer.service';
import { INVENTORY_PAGE_SIZE, inventoryPath, InventoryQuery, pagingLinks } from './inventory-input';
import { reasonText } from './reason-words';
import { CHART_STATUSES, supportChartSvg } from './support-chart';

/** A refused form, shown again with what was typed; `key` is under `inventory.error.` */
export type InventoryProblem = Omit<FormProblem, 'key'> & { key: FormProblem['key'] | 'tooLarge' };

const DECISION_LIST_SIZE = 100;

function links(engagementId: string) {
  return {
    inventory: inventoryPath(engagementId),
    decisions: inventoryPath(engagementId, 'decisions'),
    products: inventoryPath(engagementId, 'products'),
    importAction: `${inventoryPath(engagementId)}/import`,
    classifyAction: `${inventoryPath(engagementId)}/classify`,
    planAction: `${inventoryPath(engagementId, 'products')}/plan`,
  };
}

function options<T extends string>(
  values: readonly T[],
  selected: string,
  label: (value: T) => string,
) {
  return values.map((value) => ({ value, label: label(value), selected: value === selected }));
}

/** The data of the inventory, decisions and existing-products pages, through the viewer's scope. */
@Injectable()
export class InventoryPageService {
  constructor(
    private readonly endpoints: EndpointQueryService,
    private readonly decisions: EndpointDecisionService,
    private readonly products: SecurityProductsService,
  ) {}

  async inventoryPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    language: Language,
    query: InventoryQuery,
    report: ImportReport | null,
    problem: InventoryProblem | null,
  ) {
    const summary = await this.endpoints.summary(viewer.scope, engagement.id);
    const offset = (query.page - 1) * INVENTORY_PAGE_SIZE;
    const list = await this.endpoints.list(viewer.scope, engagement.id, query.filters, {
      limit: INVENTORY_PAGE_SIZE,
      offset,
    });
    const t = (key: string): string => translate(language, key);
    const chart = supportChartSvg(summary, {
      title: t('inventory.endpoints.chartTitle'),
      families: {
        windows: t('inventory.family.windows'),
        linux: t('inventory.family.linux'),
        macos: t('inventory.family.macos'),
      },
      statuses: Object.fromEntries(
        CHART_STATUSES.map((s) => [s, t(`inventory.status.${s}`)]),
      ) as Record<(typeof CHART_STATUSES)[number], string>,
      total: t('inventory.endpoints.chartTotal'),
    });
    const v = query.values;
    return {
      ...this.header(engagement),
      canEdit: mayEditRollout(viewer.scope, engagement),
      total: summary.total,
      chart,
      filters: {
        values: v,
        sites: summary.sites.map((site) => ({ value: site, selected: site === v.site })),
        countries: summary.countries.map((country) => ({
          value: country,
          selected: country === v.country,
        })),
        types: options(ENDPOINT_TYPES, v.type, (x) => t(`inventory.type.${x}`)),
        families: options(OS_FAMILIES, v.osFamily, (x) => t(`inventory.family.${x}`)),
        statuses: options(SUPPORT_STATUSES, v.supportStatus, (x) => t(`inventory.status.${x}`)),
        active: Object.values(v).some((x) => x !== ''),
      },
      endpoints: list.items.map((e) => this.endpointRow(language, e)),
      paging: pagingLinks(inventoryPath(engagement.id), v, query.page, list.total),
      report: report && this.reportView(language, report),
      problem: problem && this.translated(language, problem),
    };
  }

  async decisionsPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    language: Language,
    query: InventoryQuery,
    problem: InventoryProblem | null,
  ) {
    const role = decisionRoleOf(viewer.scope, engagement);
    const offset = (query.page - 1) * INVENTORY_PAGE_SIZE;
    const filters = { ...query.filters, supportStatuses: NEEDS_DECISION };
    const needing = await this.endpoints.list(viewer.scope, engagement.id, filters, {
      limit: INVENTORY_PAGE_SIZE,
      offset,
    });
    const decisions = await this.decisions.list(viewer.scope, engagement.id, {
      limit: DECISION_LIST_SIZE,
      offset: 0,
    });
    const checkReasons = await this.decisions.undecidedReasons(
      viewer.scope,
      engagement.id,
      language,
    );
    const t = (key: string): string => translate(language, key);
    const values = problem?.values ?? {};
    const v = query.values;
    return {
      ...this.header(engagement),
      role,
      canPropose: role === 'propose',
      canRecord: role === 'record',
      checkReasons,
      needing: needing.items.map((e) => this.endpointRow(language, e)),
      paging: pagingLinks(inventoryPath(engagement.id, 'decisions'), v, query.page, needing.total),
      filters: {
        values: v,
        families: options(OS_FAMILIES, v.osFamily, (x) => t(`inventory.family.${x}`)),
        statuses: options(NEEDS_DECISION, v.supportStatus, (x) => t(`inventory.status.${x}`)),
      },
      form: {
        kinds: DECISION_KINDS.map((kind) => ({
          value: kind,
          label: t(`inventory.kind.${kind}`),
          checked: (values.kind ?? 'upgrade') === kind,
        })),
        targetFilter: values.target === 'filter',
        families: options(OS_FAMILIES, values.osFamily ?? '', (x) => t(`inventory.family.${x}`)),
        statuses: options(NEEDS_DECISION, values.supportStatus ?? '', (x) =>
          t(`inventory.status.${x}`),
        ),
        values,
      },
      decisions: decisions.items.map((d) => ({
        ...d,
        kindLabel: t(`inventory.kind.${d.kind}`),
        statusLabel: t(`inventory.decisionStatus.${d.status}`),
        proposed: d.status === 'proposed',
        approveAction: `${inventoryPath(engagement.id, 'decisions')}/${d.id}/approve`,
        rejectAction: `${inventoryPath(engagement.id, 'decisions')}/${d.id}/reject`,
      })),
      decisionTotal: decisions.total,
      problem: problem && this.translated(language, problem),
    };
  }

  async productsPage(
    viewer: PortalViewer,
    engagement: EngagementView,
    language: Language,
    problem: InventoryProblem | null,
  ) {
    const found = await this.products.list(viewer.scope, engagement.id);
    const t = (key: string): string => translate(language, key);
    return {
      ...this.header(engagement),
      canEdit: mayEditRollout(viewer.scope, engagement),
      products: found.map((p, index) => {
        // A refused form comes back with what was typed for that product.
        const typed = problem?.values.product === p.product ? problem.values : null;
        const action = typed?.action ?? p.plan?.action ?? 'coexist';
        const phase = typed?.removePhase ?? p.plan?.removePhase ?? '';
        const quarantines = typed ? typed.quarantines === 'yes' : (p.plan?.quarantines ?? false);
        return {
          ...p,
          index,
          actionLabel: p.plan ? t(`inventory.action.${p.plan.action}`) : null,
          phaseLabel: p.plan?.removePhase ? t(`inventory.phase.${p.plan.removePhase}`) : null,
          actions: options(PLAN_ACTIONS, action, (x) => t(`inventory.action.${x}`)),
          phases: options(ROLLOUT_PHASES, phase, (x) => t(`inventory.phase.${x}`)),
          quarantinesYes: quarantines,
          note: typed?.note ?? p.plan?.note ?? '',
        };
      }),
      problem: problem && this.translated(language, problem),
    };
  }

  private header(engagement: EngagementView) {
    return {
      engagementId: engagement.id,
      engagementName: engagement.name,
      customerName: engagement.customerName,
      links: links(engagement.id),
    };
  }

  private endpointRow(language: Language, e: EndpointView) {
    const status = e.supportStatus ?? 'unclassified';
    return {
      ...e,
      status,
      statusLabel: translate(language, `inventory.status.${status}`),
      familyLabel: translate(language, `inventory.family.${e.osFamily}`),
      typeLabel: translate(language, `inventory.type.${e.type}`),
      reasonText: e.supportReason ? reasonText(language, e.supportReason) : '',
      decisionLabel: e.decision
        ? translate(language, 'inventory.endpoints.decisionLabel', {
            kind: translate(language, `inventory.kind.${e.decision.kind}`),
            status: translate(language, `inventory.decisionStatus.${e.decision.status}`),
          })
        : null,
    };
  }

  private reportView(language: Language, report: ImportReport) {
    return {
      ...report,
      rejected: report.imported === 0 && report.invalid > 0 && !report.skipInvalid,
      problems: report.problems.map((p) => ({
        line: p.line,
        reason: reasonText(language, p.reason),
      })),
    };
  }

  private translated(language: Language, problem: InventoryProblem): InventoryProblem {
    return {
      ...problem,
      fields: problem.fields.map((f) => ({
        field: f.field,
        reason: reasonText(language, f.reason),
      })),
    };
  }
}
