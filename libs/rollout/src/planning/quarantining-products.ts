import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * The existing security products of an engagement that stay (coexist with the EDR) and
 * quarantine. The existing-product plans are another part of the roll-out; this is the seam.
 *
 * Contract with the plans' table (built by the coexistence part):
 *   existing_product_plan(engagement_id uuid, product text, plan text 'coexist' | 'remove',
 *                         remove_at_phase text null, quarantines boolean)
 * and `endpoint.existing_product` names the product as the plan does (compared case-insensitively).
 * The coexistence part's `productsThatQuarantine(manager, engagementId)` can replace this
 * default by providing this class's token with its own implementation.
 */
export abstract class QuarantiningProducts {
  abstract productsThatQuarantine(manager: EntityManager, engagementId: string): Promise<string[]>;
}

/** Reads the plans' table with raw SQL; no plans table yet means no plans, so no products. */
@Injectable()
export class SqlQuarantiningProducts extends QuarantiningProducts {
  async productsThatQuarantine(manager: EntityManager, engagementId: string): Promise<string[]> {
    const [{ present }] = (await manager.query(`SELECT to_regclass('existing_product_plan') IS NOT NULL AS present`)) as { present: boolean }[];
    if (!present) return [];
    const rows = (await manager.query(
      `SELECT DISTINCT product FROM existing_product_plan
        WHERE engagement_id = $1 AND plan = 'coexist' AND quarantines ORDER BY product`,
      [engagementId],
    )) as { product: string }[];
    return rows.map((r) => r.product);
  }
}
