const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A customer filter as a person types it: the customer organisation's id, or part of its name
 * (case-insensitive, LIKE wildcards taken literally). `organisationIdColumn` is the column holding
 * the customer's id; the name is looked up beside it, so callers need no join.
 */
export function customerFilterSql(
  organisationIdColumn: string,
  value: string,
): { sql: string; params: Record<string, string> } | null {
  const customer = value.trim();
  if (!customer) return null;
  if (UUID.test(customer))
    return {
      sql: `${organisationIdColumn} = :customerFilterId`,
      params: { customerFilterId: customer },
    };
  return {
    sql: `${organisationIdColumn} IN (SELECT cf.id FROM organisation cf WHERE cf.kind = 'customer' AND cf.name ILIKE :customerFilterName ESCAPE '\\')`,
    params: { customerFilterName: `%${customer.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` },
  };
}
