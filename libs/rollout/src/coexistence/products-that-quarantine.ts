import { EntityManager } from 'typeorm';

/**
 * The existing security products planned to coexist with the EDR that quarantine on their own:
 * where they run, the EDR policy must switch its quarantine off (no double quarantine). Names
 * as the plans spell them, sorted. For the AV-quarantine conflict check.
 */
export async function productsThatQuarantine(
  manager: EntityManager,
  engagementId: string,
): Promise<string[]> {
  const rows: { product: string }[] = await manager.query(
    `SELECT product FROM security_product_plan
     WHERE engagement_id = $1 AND action = 'coexist' AND quarantines
     ORDER BY lower(product)`,
    [engagementId],
  );
  return rows.map((r) => r.product);
}
