import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, EngagementService } from '@app/identity';
import { Clock, FieldError, TransactionRunner, ValidationException } from '@app/platform';
import { BlockListService } from '../blocklist/block-list.service';
import { isIndicatorType, normaliseIndicator } from '../blocklist/ioc';
import { assertMaintainsProtection } from '../protection-access';
import { loadPlanningData } from '../planning/planning-data';
import { evaluateEffectiveness, IncidentResult } from './effectiveness';
import { policyCoverage, PolicyCoverage } from './policy-coverage';
import { PastIncident, PastIncidentIndicator } from './past-incident.entity';

export interface NewPastIncident {
  title: string;
  occurredOn: string;
  description: string;
  technique: string;
  indicators: { type: string; value: string }[];
}

export interface EffectivenessReport {
  engagementId: string;
  evaluatedAt: Date;
  /** What was evaluated: the static block list, and the group policies' block/detect modes. */
  basis: 'block_list_and_policies';
  note: string;
  /** Where the EDR itself would block (block mode) rather than only report. */
  policies: PolicyCoverage;
  activeEntries: number;
  summary: { stopped: number; notStopped: number; noBlockableIndicators: number };
  incidents: (IncidentResult & { occurredOn: string; technique: string })[];
}

const POLICY_NOTE =
  'Evaluated against the static block list (which IOC matched) and the group policies: what the ' +
  'list does not hold is stopped only where the EDR detects it and the endpoint is in block mode.';

/** The register of incidents the customer suffered before, and the effectiveness report. */
@Injectable()
export class PastIncidentsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly blockList: BlockListService,
    private readonly clock: Clock,
  ) {}

  async list(scope: AccessScope, engagementId: string): Promise<PastIncident[]> {
    await this.engagements.get(scope, engagementId);
    return this.tx.manager.getRepository(PastIncident).find({
      where: { engagementId },
      order: { occurredOn: 'DESC', createdAt: 'DESC', id: 'ASC' },
    });
  }

  async create(
    scope: AccessScope,
    engagementId: string,
    input: NewPastIncident,
  ): Promise<PastIncident> {
    const indicators = this.indicators(input.indicators);
    return this.tx.run(async (manager) => {
      const engagement = await this.engagements.get(scope, engagementId, manager);
      assertMaintainsProtection(scope, engagement);
      const repository = manager.getRepository(PastIncident);
      const saved = await repository.save(
        repository.create({
          engagementId,
          title: input.title.trim(),
          occurredOn: input.occurredOn,
          description: input.description.trim(),
          technique: input.technique.trim(),
          indicators,
          createdBy: scope.userId,
          createdAt: this.clock.now(),
        }),
      );
      await this.audit.record(manager, scope.actor, {
        action: 'past_incident.created',
        subjectType: 'past_incident',
        subjectId: saved.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          title: saved.title,
          occurredOn: saved.occurredOn,
          technique: saved.technique,
          indicators,
        },
      });
      return saved;
    });
  }

  /** Would today's block list have stopped each past incident, and which IOC matched. */
  async effectiveness(scope: AccessScope, engagementId: string): Promise<EffectivenessReport> {
    const incidents = await this.list(scope, engagementId);
    const entries = await this.blockList.activeEntries(scope, engagementId);
    const now = this.clock.now();
    const results = evaluateEffectiveness(incidents, entries, now);
    const policies = policyCoverage(await loadPlanningData(this.tx.manager, engagementId));
    const byId = new Map(incidents.map((i) => [i.id, i]));
    const count = (verdict: IncidentResult['verdict']): number =>
      results.filter((r) => r.verdict === verdict).length;
    return {
      engagementId,
      evaluatedAt: now,
      basis: 'block_list_and_policies',
      note: POLICY_NOTE,
      policies,
      activeEntries: entries.length,
      summary: {
        stopped: count('stopped'),
        notStopped: count('not_stopped'),
        noBlockableIndicators: count('no_blockable_indicators'),
      },
      incidents: results.map((r) => ({
        ...r,
        occurredOn: byId.get(r.incidentId)?.occurredOn ?? '',
        technique: byId.get(r.incidentId)?.technique ?? '',
      })),
    };
  }

  private indicators(raw: { type: string; value: string }[]): PastIncidentIndicator[] {
    const errors: FieldError[] = [];
    const out: PastIncidentIndicator[] = [];
    raw.forEach((indicator, index) => {
      if (!isIndicatorType(indicator.type)) {
        errors.push({
          field: `indicators[${index}].type`,
          reason: 'is not a known indicator type',
        });
        return;
      }
      const normalised = normaliseIndicator(indicator.type, indicator.value);
      if (!normalised.ok)
        errors.push({ field: `indicators[${index}].value`, reason: normalised.reason });
      else out.push({ type: indicator.type, value: normalised.value });
    });
    if (errors.length > 0) throw new ValidationException(errors);
    return out;
  }
}
