import { Injectable } from '@nestjs/common';
import { AuditService } from '@app/audit/audit.service';
import { AccessScope, EngagementService } from '@app/identity';
import { TransactionRunner, ValidationException } from '@app/platform';
import { ExternalStepEvents } from '@app/workflow';
import { assertMayEditRollout } from '../inventory/inventory-access';
import { AFFECTS } from '../snapshots/snapshot-subjects';
import { PlanAction, RolloutPhase, SecurityProductPlan } from './security-product-plan.entity';

export interface PlanInput {
  product: string;
  action: PlanAction;
  removePhase?: RolloutPhase | null;
  quarantines: boolean;
  note?: string;
}

export interface PlanView {
  product: string;
  action: PlanAction;
  removePhase: RolloutPhase | null;
  quarantines: boolean;
  note: string;
  updatedAt: Date;
}

export interface ExistingProduct {
  /** As the inventory spells it (or the plan, for a product no longer in the inventory). */
  product: string;
  endpoints: number;
  plan: PlanView | null;
}

/**
 * The security products already on the endpoints (the distinct `existing_product` values,
 * case-insensitive, with counts) and the plan for each: coexist during the roll-out or be
 * removed at a phase, and whether it quarantines.
 */
@Injectable()
export class SecurityProductsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly audit: AuditService,
    private readonly engagements: EngagementService,
    private readonly steps: ExternalStepEvents,
  ) {}

  async list(scope: AccessScope, engagementId: string): Promise<ExistingProduct[]> {
    await this.engagements.get(scope, engagementId);
    const found: { product: string; endpoints: number }[] = await this.tx.manager.query(
      `SELECT min(existing_product) AS product, count(*)::int AS endpoints FROM endpoint
       WHERE engagement_id = $1 AND existing_product IS NOT NULL GROUP BY lower(existing_product)`,
      [engagementId],
    );
    const plans = await this.tx.manager
      .getRepository(SecurityProductPlan)
      .find({ where: { engagementId } });
    const byName = new Map(plans.map((p) => [p.product.toLowerCase(), p]));
    const products: ExistingProduct[] = found.map((f) => ({
      ...f,
      plan: viewOf(byName.get(f.product.toLowerCase())),
    }));
    const listed = new Set(found.map((f) => f.product.toLowerCase()));
    for (const plan of plans)
      if (!listed.has(plan.product.toLowerCase()))
        products.push({ product: plan.product, endpoints: 0, plan: viewOf(plan) });
    return products.sort((a, b) => b.endpoints - a.endpoints || a.product.localeCompare(b.product));
  }

  /** Creates or replaces the plan for one product (matched case-insensitively). */
  async setPlan(scope: AccessScope, engagementId: string, input: PlanInput): Promise<PlanView> {
    const engagement = await this.engagements.get(scope, engagementId);
    assertMayEditRollout(scope, engagement);
    const product = input.product.trim();
    if (input.action === 'remove' && !input.removePhase) {
      throw new ValidationException([
        { field: 'removePhase', reason: 'is required when the product is removed' },
      ]);
    }
    const removePhase = input.action === 'remove' ? (input.removePhase ?? null) : null;
    return this.tx.run(async (manager) => {
      const before: SecurityProductPlan[] = await manager.query(
        `SELECT product, action, remove_phase AS "removePhase", quarantines, note FROM security_product_plan
         WHERE engagement_id = $1 AND lower(product) = lower($2) FOR UPDATE`,
        [engagementId, product],
      );
      const [saved]: { id: string }[] = await manager.query(
        `INSERT INTO security_product_plan (engagement_id, product, action, remove_phase, quarantines, note, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (engagement_id, lower(product)) DO UPDATE SET product = EXCLUDED.product, action = EXCLUDED.action,
           remove_phase = EXCLUDED.remove_phase, quarantines = EXCLUDED.quarantines, note = EXCLUDED.note,
           updated_by = EXCLUDED.updated_by, updated_at = now()
         RETURNING id`,
        [
          engagementId,
          product,
          input.action,
          removePhase,
          input.quarantines,
          input.note ?? '',
          scope.userId,
        ],
      );
      const plan = await manager
        .getRepository(SecurityProductPlan)
        .findOneByOrFail({ id: saved.id });
      await this.steps.configurationChanged(
        manager,
        scope.actor,
        engagementId,
        AFFECTS.productPlans,
      );
      await this.audit.record(manager, scope.actor, {
        action: 'security_product_plan.saved',
        subjectType: 'security_product_plan',
        subjectId: plan.id,
        organisationId: engagement.customerOrganisationId,
        engagementId,
        changes: {
          before: before[0] ?? null,
          after: {
            product,
            action: input.action,
            removePhase,
            quarantines: input.quarantines,
            note: plan.note,
          },
        },
      });
      return viewOf(plan) as PlanView;
    });
  }
}

function viewOf(plan: SecurityProductPlan | undefined): PlanView | null {
  if (!plan) return null;
  return {
    product: plan.product,
    action: plan.action,
    removePhase: plan.removePhase,
    quarantines: plan.quarantines,
    note: plan.note,
    updatedAt: plan.updatedAt,
  };
}
