import { MigrationInterface, QueryRunner } from 'typeorm';

/** The endpoint columns, in table order (the partitioned table keeps the old order). */
const COLUMNS =
  'id, engagement_id, hostname, type, os_family, os_version, kernel, site, country, existing_product, tags, support_status, support_reason, created_at, updated_at';

const COLUMN_DEFINITIONS = `
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  engagement_id uuid NOT NULL,
  hostname text NOT NULL CHECK (length(hostname) BETWEEN 1 AND 253),
  type text NOT NULL CHECK (type IN ('client', 'server')),
  os_family text NOT NULL CHECK (os_family IN ('windows', 'linux', 'macos')),
  os_version text NOT NULL,
  kernel text,
  site text NOT NULL,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  existing_product text,
  tags text[] NOT NULL DEFAULT '{}',
  support_status text CHECK (support_status IN ('supported', 'unsupported', 'eol_soon', 'eol')),
  support_reason text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()`;

/** The tables that name an endpoint, and what happens to their rows when it goes. */
const REFERENCES = [
  { table: 'endpoint_decision_endpoint', onDelete: 'CASCADE' },
  { table: 'endpoint_group_member', onDelete: 'CASCADE' },
  { table: 'tuning_log_entry', onDelete: 'SET NULL (endpoint_id)' },
  { table: 'detection', onDelete: 'SET NULL (endpoint_id)' },
];

/**
 * Each engagement's endpoints get their own partition of `endpoint` (LIST on engagement_id), so a
 * new engagement's first inventory import loads a table of its own with no index to maintain and
 * no other engagement's rows in the way, then builds the indexes in bulk and attaches it (see
 * endpoint_partition_prepare / endpoint_partition_attach; measured on 200k rows, the load and
 * attach cost the database about half of a COPY into one shared table). Every query names its
 * engagement, so it reads only that partition.
 *
 * - Keys carry the engagement: endpoint's primary key is (engagement_id, id), and the tables that
 *   name an endpoint reference it by (engagement_id, endpoint_id): a row can no longer point at
 *   another engagement's endpoint. The two link tables gain engagement_id for that.
 * - endpoint.engagement_id is a foreign key again: attaching a partition validates it for all
 *   rows in one query (the per-row check it cost a bulk load no longer applies), so the
 *   set-based triggers of EndpointBulkLoadIntegrity go, except the one that keeps an endpoint in
 *   its engagement.
 * - There is no default partition: an engagement's partition is made by its first import, or by
 *   endpoint_partition_ensure before rows are written any other way. (A default partition would
 *   be locked exclusively by every attach, and two first imports would deadlock on it.)
 */
export class PartitionEndpointsByEngagement1765000000000 implements MigrationInterface {
  name = 'PartitionEndpointsByEngagement1765000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const { table } of REFERENCES)
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_endpoint_id_fkey`);
    await addEngagementColumn(q, 'endpoint_decision_endpoint', 'endpoint_decision', 'decision_id');
    await addEngagementColumn(q, 'endpoint_group_member', 'endpoint_group', 'group_id');

    await q.query(`ALTER TABLE endpoint RENAME TO endpoint_unpartitioned`);
    for (const index of [
      'endpoint_pkey',
      'endpoint_engagement_hostname',
      'endpoint_engagement_needs_decision',
    ]) {
      await q.query(
        `ALTER INDEX ${index} RENAME TO ${index.replace('endpoint', 'endpoint_unpartitioned')}`,
      );
    }
    await q.query(`DROP TRIGGER engagement_keeps_endpoint_keys ON engagement`);
    await q.query(`DROP TRIGGER engagement_keeps_endpoints ON engagement`);
    await q.query(`DROP FUNCTION engagement_keeps_endpoints()`);

    await q.query(`
      CREATE TABLE endpoint (${COLUMN_DEFINITIONS},
        CONSTRAINT endpoint_pkey PRIMARY KEY (engagement_id, id),
        CONSTRAINT endpoint_engagement_id_fkey FOREIGN KEY (engagement_id) REFERENCES engagement(id)
      ) PARTITION BY LIST (engagement_id)`);
    // Hostname first: equality, prefix LIKE and `ORDER BY lower(hostname) USING ~<~` within the
    // engagement's partition (where engagement_id is the same on every row).
    await q.query(
      `CREATE UNIQUE INDEX endpoint_engagement_hostname ON endpoint (lower(hostname) text_pattern_ops, engagement_id)`,
    );
    await q.query(`
      CREATE TRIGGER endpoint_engagement_fixed BEFORE UPDATE OF engagement_id ON endpoint
      FOR EACH ROW WHEN (OLD.engagement_id IS DISTINCT FROM NEW.engagement_id) EXECUTE FUNCTION endpoint_engagement_fixed()`);
    await createPartitionFunctions(q);

    await q.query(`
      DO $$
      DECLARE moved uuid;
      BEGIN
        FOR moved IN SELECT DISTINCT engagement_id FROM endpoint_unpartitioned LOOP
          EXECUTE format('INSERT INTO %I (${COLUMNS}) SELECT ${COLUMNS} FROM endpoint_unpartitioned WHERE engagement_id = %L',
                         endpoint_partition_prepare(moved), moved);
          PERFORM endpoint_partition_attach(moved);
        END LOOP;
      END $$`);
    await q.query(`DROP TABLE endpoint_unpartitioned`);
    await q.query(`DROP FUNCTION endpoint_engagement_exists()`);

    for (const { table, onDelete } of REFERENCES) {
      await q.query(`
        ALTER TABLE ${table} ADD CONSTRAINT ${table}_endpoint_fkey
        FOREIGN KEY (engagement_id, endpoint_id) REFERENCES endpoint (engagement_id, id) ON DELETE ${onDelete}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const { table } of REFERENCES)
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_endpoint_fkey`);
    await q.query(
      `CREATE TABLE endpoint_unpartitioned (${COLUMN_DEFINITIONS}, CONSTRAINT endpoint_unpartitioned_pkey PRIMARY KEY (id))`,
    );
    await q.query(
      `INSERT INTO endpoint_unpartitioned (${COLUMNS}) SELECT ${COLUMNS} FROM endpoint`,
    );
    await q.query(`DROP TABLE endpoint`);
    for (const fn of [
      'endpoint_partition_ensure(uuid)',
      'endpoint_partition_attach(uuid)',
      'endpoint_partition_prepare(uuid)',
      'endpoint_partition_of(uuid)',
      'endpoint_partition_name(uuid)',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`ALTER TABLE endpoint_unpartitioned RENAME TO endpoint`);
    await q.query(`ALTER INDEX endpoint_unpartitioned_pkey RENAME TO endpoint_pkey`);
    await q.query(
      `CREATE UNIQUE INDEX endpoint_engagement_hostname ON endpoint (engagement_id, lower(hostname) text_pattern_ops)`,
    );
    await q.query(
      `CREATE INDEX endpoint_engagement_needs_decision ON endpoint (engagement_id, support_status) WHERE support_status <> 'supported'`,
    );
    await q.query(`
      CREATE TRIGGER endpoint_engagement_fixed BEFORE UPDATE OF engagement_id ON endpoint
      FOR EACH ROW WHEN (OLD.engagement_id IS DISTINCT FROM NEW.engagement_id) EXECUTE FUNCTION endpoint_engagement_fixed()`);
    // EndpointBulkLoadIntegrity's set-based integrity, as it was.
    await q.query(`
      CREATE FUNCTION endpoint_engagement_exists() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        wanted uuid[];
        locked int;
      BEGIN
        SELECT array_agg(DISTINCT engagement_id) INTO wanted FROM inserted_endpoints;
        IF wanted IS NULL THEN RETURN NULL; END IF;
        SELECT count(*) INTO locked FROM (SELECT 1 FROM engagement WHERE id = ANY (wanted) FOR KEY SHARE) l;
        IF locked < cardinality(wanted) THEN
          RAISE EXCEPTION 'endpoint references an engagement that does not exist'
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'endpoint_engagement_id_fkey';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER endpoint_engagement_exists AFTER INSERT ON endpoint
      REFERENCING NEW TABLE AS inserted_endpoints FOR EACH STATEMENT EXECUTE FUNCTION endpoint_engagement_exists()`);
    await q.query(`
      CREATE FUNCTION engagement_keeps_endpoints() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM endpoint WHERE engagement_id = OLD.id) THEN
          RAISE EXCEPTION 'engagement % still has endpoints', OLD.id
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'endpoint_engagement_id_fkey';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER engagement_keeps_endpoints BEFORE DELETE ON engagement FOR EACH ROW EXECUTE FUNCTION engagement_keeps_endpoints()`,
    );
    await q.query(`
      CREATE TRIGGER engagement_keeps_endpoint_keys BEFORE UPDATE OF id ON engagement
      FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION engagement_keeps_endpoints()`);

    for (const { table } of REFERENCES) {
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_endpoint_id_fkey FOREIGN KEY (endpoint_id) REFERENCES endpoint(id) ON DELETE ${table.startsWith('endpoint_') ? 'CASCADE' : 'SET NULL'}`,
      );
    }
    await q.query(`ALTER TABLE endpoint_group_member DROP COLUMN engagement_id`);
    await q.query(`ALTER TABLE endpoint_decision_endpoint DROP COLUMN engagement_id`);
  }
}

/** `table` gets its rows' engagement, taken from the row of `parent` that `key` names. */
async function addEngagementColumn(
  q: QueryRunner,
  table: string,
  parent: string,
  key: string,
): Promise<void> {
  await q.query(`ALTER TABLE ${table} ADD COLUMN engagement_id uuid`);
  await q.query(
    `UPDATE ${table} t SET engagement_id = p.engagement_id FROM ${parent} p WHERE p.id = t.${key}`,
  );
  await q.query(`ALTER TABLE ${table} ALTER COLUMN engagement_id SET NOT NULL`);
}

/**
 * The partition DDL lives in the database, in one place, for the import, the migration and any
 * other writer. A partition is `endpoint_` and the engagement id's 32 hex digits.
 */
async function createPartitionFunctions(q: QueryRunner): Promise<void> {
  await q.query(`
    CREATE FUNCTION endpoint_partition_name(for_engagement uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
      SELECT 'endpoint_' || replace(for_engagement::text, '-', '')
    $$`);
  // The engagement's partition if it has one (attached), else null.
  await q.query(`
    CREATE FUNCTION endpoint_partition_of(for_engagement uuid) RETURNS regclass LANGUAGE sql STABLE AS $$
      SELECT i.inhrelid::regclass FROM pg_inherits i
      WHERE i.inhparent = 'endpoint'::regclass AND i.inhrelid = to_regclass(quote_ident(endpoint_partition_name(for_engagement)))
    $$`);
  // A table shaped like the engagement's partition, not yet attached and without indexes: rows
  // load into it with nothing to maintain; attaching builds the indexes in bulk. (Measured on
  // 200k rows: a hostname index kept up during the load cost the database 0.2–0.5 s more CPU, in
  // hostname order or not; out of order the import took 1.44 s against 1.07 s.)
  await q.query(`
    CREATE FUNCTION endpoint_partition_prepare(for_engagement uuid) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      leaf text := endpoint_partition_name(for_engagement);
    BEGIN
      -- The check proves the partition bound, so attaching need not scan the rows for it.
      EXECUTE format('CREATE TABLE %I (LIKE endpoint INCLUDING DEFAULTS INCLUDING CONSTRAINTS, CONSTRAINT endpoint_partition_engagement CHECK (engagement_id = %L))', leaf, for_engagement);
      RETURN leaf;
    END $$`);
  // Builds the partition's indexes (as the parent's), validates its rows' engagement in one
  // query, and makes its rows part of endpoint. Takes SHARE UPDATE EXCLUSIVE on endpoint: readers
  // and writers of other engagements go on; attaches queue behind one another until commit.
  await q.query(`
    CREATE FUNCTION endpoint_partition_attach(for_engagement uuid) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      EXECUTE format('ALTER TABLE endpoint ATTACH PARTITION %I FOR VALUES IN (%L)', endpoint_partition_name(for_engagement), for_engagement);
    END $$`);
  // The engagement's partition, made (empty) if it has none; for a writer of endpoint rows that
  // is not a first import.
  await q.query(`
    CREATE FUNCTION endpoint_partition_ensure(for_engagement uuid) RETURNS text LANGUAGE plpgsql AS $$
    DECLARE
      leaf text := endpoint_partition_name(for_engagement);
    BEGIN
      IF endpoint_partition_of(for_engagement) IS NOT NULL THEN
        RETURN leaf;
      END IF;
      PERFORM 1 FROM engagement WHERE id = for_engagement FOR KEY SHARE;
      IF NOT FOUND THEN
        RAISE EXCEPTION 'engagement % does not exist', for_engagement
          USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'endpoint_engagement_id_fkey';
      END IF;
      PERFORM endpoint_partition_prepare(for_engagement);
      PERFORM endpoint_partition_attach(for_engagement);
      RETURN leaf;
    END $$`);
}
