import { Injectable } from '@nestjs/common';
import { AccessScope, Language } from '@app/identity';
import { TransactionRunner } from '@app/platform';
import { PlanningAccess } from './planning-access';
import {
  avQuarantineFailures,
  groupCoverageFailures,
  serverDetectModeFailures,
} from './planning-checks';
import { loadPlanningData } from './planning-data';
import { QuarantiningProducts } from './quarantining-products';

export type PlanningCheckKey =
  'group_coverage_check' | 'server_detect_mode_check' | 'av_quarantine_conflict_check';

/** One planning check as it stands now: its step key and what fails it (empty: it passes). */
export interface PlanningCheckResult {
  key: PlanningCheckKey;
  failures: string[];
}

/**
 * The three planning checks of an engagement as they stand, for a page that shows them before
 * the workflow's gate runs them (the same functions, over the same data).
 */
@Injectable()
export class PlanningCheckResults {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: PlanningAccess,
    private readonly quarantining: QuarantiningProducts,
  ) {}

  async of(
    scope: AccessScope,
    engagementId: string,
    language: Language,
  ): Promise<PlanningCheckResult[]> {
    await this.access.readable(scope, engagementId);
    const data = await loadPlanningData(this.tx.manager, engagementId);
    const products = await this.quarantining.productsThatQuarantine(this.tx.manager, engagementId);
    return [
      { key: 'group_coverage_check', failures: groupCoverageFailures(data, language) },
      { key: 'server_detect_mode_check', failures: serverDetectModeFailures(data, language) },
      {
        key: 'av_quarantine_conflict_check',
        failures: avQuarantineFailures(data, products, language),
      },
    ];
  }
}
