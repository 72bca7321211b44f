import { Injectable } from '@nestjs/common';
import { AccessScope, can, Engagement, EngagementService } from '@app/identity';
import { ForbiddenException } from '@app/platform';
import { EntityManager } from 'typeorm';

/**
 * Who may do what with an engagement's roll-out plan: everyone who sees the engagement reads it
 * (another tenant's engagement is 404); the provider lead or an analyst of the engagement's
 * provider designs it (groups, policies, tuning log, mode-switch requests); the customer's IT staff
 * survey the sites' bandwidth; the customer's security lead decides mode switches.
 */
@Injectable()
export class PlanningAccess {
  constructor(private readonly engagements: EngagementService) {}

  readable(scope: AccessScope, engagementId: string, manager?: EntityManager): Promise<Engagement> {
    return this.engagements.get(scope, engagementId, manager);
  }

  async designer(
    scope: AccessScope,
    engagementId: string,
    manager: EntityManager,
  ): Promise<Engagement> {
    const engagement = await this.engagements.get(scope, engagementId, manager);
    if (!can(scope, 'rollout.plan.design', engagement)) {
      throw new ForbiddenException(
        "Only the provider lead or an analyst of the engagement's provider changes the roll-out plan",
      );
    }
    return engagement;
  }

  /**
   * A site's network survey (link, peak use, the share allowed for updates): the customer's IT
   * staff or security lead measure it (the `bandwidth_survey` step is theirs), and the provider's
   * designers may correct it while planning the waves.
   */
  async siteSurveyor(
    scope: AccessScope,
    engagementId: string,
    manager: EntityManager,
  ): Promise<Engagement> {
    const engagement = await this.engagements.get(scope, engagementId, manager);
    if (!can(scope, 'rollout.site.survey', engagement)) {
      throw new ForbiddenException(
        "Only the customer's IT staff or security lead, or the provider's lead or analysts, record a site's bandwidth",
      );
    }
    return engagement;
  }

  async customerLead(
    scope: AccessScope,
    engagementId: string,
    manager: EntityManager,
  ): Promise<Engagement> {
    const engagement = await this.engagements.get(scope, engagementId, manager);
    if (!can(scope, 'rollout.mode_switch.decide', engagement)) {
      throw new ForbiddenException(
        "Only the customer's security lead approves or rejects a mode switch",
      );
    }
    return engagement;
  }
}
