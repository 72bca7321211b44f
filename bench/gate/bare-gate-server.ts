// The baseline for bench/gate: a bare node:http server answering GET /gate/:id with the same JSON as
// the portal's GET /api/onboardings/:id/gate, computed from ONE SQL query through `pg`.
//
// What it does, like the portal: the onboarding is reached only through the caller's engagement
// scope (a provider lead sees its provider's engagements), every step is read, and each open
// required step gets the users of the acting organisation holding its role (account managers only
// when assigned to the engagement), ordered by display name — or, for an approval awaiting a (new)
// proposal, its proposer's (the same waitedOn() rule, proposers from the built-in templates and the
// newest proposal's status read in the same query); blockers, reasons and overdue flags come from
// the same pure evaluateGate(). A request with no bearer token gets 401.
//
// What it skips, and so what the ratio charges to the framework, auth and ORM:
// - the bearer token is only required to be present, never verified: no HS256 signature check,
//   no expiry, and no per-request lookup of the user, memberships and organisation (the portal
//   rebuilds the AccessScope from the database on every request so revocation is immediate);
//   the scope's organisation is given once through BENCH_SCOPE_ORG_ID instead;
// - no role guard, session cookie, CSRF, helmet security headers, request ids or pino logging,
//   no validation pipe or exception filter (a bad id is a plain 400, a miss a plain 404);
// - titles come from a map of the template's English titles built at start-up (the caller, the
//   demo lead, reads English), while the portal localises per request from the user's language.
// It uses a pg pool of the same size as the portal's default (DATABASE_POOL_SIZE 10) and plain
// parameterised queries, as TypeORM does (no named prepared statements).
import { evaluateGate, GateStep, GateUser } from '@app/workflow/gate/evaluate-gate';
import type { StepState } from '@app/workflow/gate/step-state';
import { NewestProposal, waitedOn } from '@app/workflow/gate/waited-on';
import { proposersSql } from '@app/workflow/proposals/proposers-sql';
import { BUILT_IN_TEMPLATES } from '@app/workflow/templates';
import { AGREEMENT_STEP_KEYS } from '@app/agreements/workflow-link';
import type { Party, StepType } from '@app/workflow/templates/template.types';
import { createServer, ServerResponse } from 'node:http';
import { Pool } from 'pg';

const port = Number(process.env.PORT ?? 0);
const databaseUrl = process.env.DATABASE_URL ?? '';
const scopeOrgId = process.env.BENCH_SCOPE_ORG_ID ?? '';
const poolSize = Number(process.env.BENCH_POOL_SIZE ?? 10);
if (!databaseUrl || !scopeOrgId)
  throw new Error('DATABASE_URL and BENCH_SCOPE_ORG_ID are required');

const TITLES = new Map<string, string>(
  BUILT_IN_TEMPLATES.flatMap((t) =>
    t.steps.map((s): [string, string] => [`${t.key}@${t.version}:${s.key}`, s.title.en]),
  ),
);

// One round trip: the scope check (engagement join), every step, the newest proposal's status of
// each step with a proposer, and the users of each open required step's party and role and of its
// proposer's as JSON arrays (LATERAL joins on membership, app_user and engagement_assignment).
const usersOf = (party: string, role: string, when: string): string => `
      SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'email', u.email)
                      ORDER BY u.display_name) AS users
        FROM membership m
        JOIN app_user u ON u.id = m.user_id
       WHERE ${when} AND s.required_for_start AND s.state NOT IN ('done', 'waived')
         AND m.organisation_id = CASE ${party} WHEN 'customer' THEN e.customer_organisation_id
                                               ELSE e.provider_organisation_id END
         AND m.role = ${role}
         AND (${role} <> 'account_manager' OR EXISTS (
               SELECT 1 FROM engagement_assignment ea WHERE ea.engagement_id = e.id AND ea.user_id = u.id))`;

const GATE_SQL = `
  SELECT o.template_key, o.template_version, s.key, s.type, s.party, s.role, s.state,
         s.required_for_start, s.due_at, s.depends_on, s.reason, COALESCE(w.users, '[]'::json) AS users,
         pr.party AS proposer_party, pr.role AS proposer_role, np.proposal,
         COALESCE(pw.users, '[]'::json) AS proposer_users
    FROM onboarding o
    JOIN engagement e ON e.id = o.engagement_id
    JOIN onboarding_step s ON s.onboarding_id = o.id
    LEFT JOIN (${proposersSql(BUILT_IN_TEMPLATES, (key) =>
      (AGREEMENT_STEP_KEYS as readonly string[]).includes(key),
    )}) pr
           ON pr.template_key = o.template_key AND pr.template_version = o.template_version
          AND pr.step_key = s.key
    LEFT JOIN LATERAL (
      SELECT CASE WHEN sub.outdated_at IS NULL THEN 'current' ELSE 'outdated' END AS proposal
        FROM step_submission sub
       WHERE pr.step_key IS NOT NULL AND sub.onboarding_id = o.id AND sub.step_key = s.key
       ORDER BY sub.version DESC LIMIT 1
    ) np ON TRUE
    LEFT JOIN LATERAL (${usersOf('s.party', 's.role', 'TRUE')}) w ON TRUE
    LEFT JOIN LATERAL (${usersOf('pr.party', 'pr.role', 'pr.step_key IS NOT NULL')}) pw ON TRUE
   WHERE o.id = $1 AND e.provider_organisation_id = $2
   ORDER BY s.position`;

interface GateRow {
  template_key: string;
  template_version: number;
  key: string;
  type: StepType;
  party: Party;
  role: string;
  state: StepState;
  required_for_start: boolean;
  due_at: Date | null;
  depends_on: string[];
  reason: string | null;
  users: GateUser[];
  proposer_party: Party | null;
  proposer_role: string | null;
  proposal: NewestProposal | null;
  proposer_users: GateUser[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const pool = new Pool({ connectionString: databaseUrl, max: poolSize });

function send(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}

async function gate(id: string): Promise<object | null> {
  const { rows } = await pool.query<GateRow>(GATE_SQL, [id, scopeOrgId]);
  if (rows.length === 0) return null;
  const steps: GateStep[] = rows.map((r) => {
    const proposer =
      r.proposer_party && r.proposer_role
        ? { party: r.proposer_party, role: r.proposer_role }
        : null;
    const waited = waitedOn(r, proposer, r.proposal ?? 'none');
    return {
      key: r.key,
      title: TITLES.get(`${r.template_key}@${r.template_version}:${r.key}`) ?? r.key,
      type: r.type,
      party: waited.party,
      role: waited.role,
      state: r.state,
      requiredForStart: r.required_for_start,
      dueAt: r.due_at,
      dependsOn: r.depends_on,
      assignees: waited.proposing ? r.proposer_users : r.users,
      reason: r.reason,
    };
  });
  return evaluateGate(steps, new Date());
}

const server = createServer((request, response) => {
  const url = request.url ?? '/';
  if (url === '/ping') return send(response, 200, { ok: true });
  const match = /^\/gate\/([^/?]+)$/.exec(url);
  if (request.method !== 'GET' || !match) return send(response, 404, { error: 'not found' });
  // The cheap stand-in for authentication: a bearer token must be present (see the header comment).
  if (!request.headers.authorization?.startsWith('Bearer '))
    return send(response, 401, { error: 'unauthenticated' });
  const id = match[1];
  if (!UUID.test(id)) return send(response, 400, { error: 'id must be a UUID' });
  gate(id).then(
    (verdict) =>
      verdict
        ? send(response, 200, verdict)
        : send(response, 404, { error: 'onboarding not found' }),
    (error: unknown) => {
      console.error(error);
      send(response, 500, { error: 'internal error' });
    },
  );
});

server.listen(port, '127.0.0.1', () => console.log('bare gate server listening'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
