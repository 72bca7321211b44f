/**
 * One writer of an engagement's inventory at a time, until its transaction ends: imports (so that
 * "no endpoints yet" and the stored rows a re-import compares against hold until it commits) and
 * reclassification (which would otherwise change rows a re-import has already compared).
 */
export async function lockInventory(
  db: { query(sql: string, parameters: unknown[]): Promise<unknown> },
  engagementId: string,
): Promise<void> {
  await db.query(`SELECT pg_advisory_xact_lock(hashtext('endpoint_import:' || $1))`, [
    engagementId,
  ]);
}
