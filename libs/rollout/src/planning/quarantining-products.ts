import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { productsThatQuarantine } from '../coexistence/products-that-quarantine';

/**
 * The existing security products of an engagement that stay (coexist with the EDR) and
 * quarantine, as the coexistence plans say; a seam so the planning checks can be tested alone.
 * `endpoint.existing_product` names the product as the plan does (compared case-insensitively).
 */
export abstract class QuarantiningProducts {
  abstract productsThatQuarantine(manager: EntityManager, engagementId: string): Promise<string[]>;
}

/** The coexistence plans (`security_product_plan`). */
@Injectable()
export class PlannedQuarantiningProducts extends QuarantiningProducts {
  productsThatQuarantine(manager: EntityManager, engagementId: string): Promise<string[]> {
    return productsThatQuarantine(manager, engagementId);
  }
}
