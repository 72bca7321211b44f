import { Injectable } from '@nestjs/common';
import { AccessScope, engagementScopeCondition } from '@app/identity';
import { NotFoundException, TransactionRunner } from '@app/platform';
import type { GateUser } from '../gate/evaluate-gate';
import type { StepState } from '../gate/step-state';
import { NewestProposal, waitedOn } from '../gate/waited-on';
import type { Party, StepType } from '../templates/template.types';
import { proposersSql } from '../proposals/proposers-sql';
import { StepEvidenceRegistry } from '../evidence/step-evidence.registry';
import { TemplateRegistry } from './template-registry';

/**
 * A step as the gate reads it, with the users of the party and role it waits on (`waitedOn`: its
 * own, or its proposer's while a proposal is awaited).
 */
export interface GateReadStep {
  key: string;
  type: StepType;
  /** The party and role waited on (see `waitedOn`), not necessarily the step's own. */
  party: Party;
  role: string;
  state: StepState;
  requiredForStart: boolean;
  dueAt: Date;
  dependsOn: string[];
  reason: string | null;
  /** The waited-on party's users in that role (as AssigneeResolver); only for open required steps. */
  assignees: GateUser[];
}

export interface GateRead {
  onboardingId: string;
  engagementId: string;
  templateKey: string;
  templateVersion: number;
  steps: GateReadStep[];
}

interface GateRow {
  id: string;
  engagement_id: string;
  template_key: string;
  template_version: number;
  key: string | null;
  type: StepType;
  party: Party;
  role: string;
  state: StepState;
  required_for_start: boolean;
  due_at: Date;
  depends_on: string[];
  reason: string | null;
  users: GateUser[] | null;
  proposer_party: Party | null;
  proposer_role: string | null;
  proposal: NewestProposal | null;
  proposer_users: GateUser[] | null;
}

/**
 * The gate's read in ONE round trip of plain SQL with typed rows (GET …/gate is polled): the
 * onboarding through the caller's engagement scope (none: 404), its steps in order, and the
 * acting users of each open required step's party and role — the same rows OnboardingAccess and
 * AssigneeResolver give (users of the acting organisation holding the role, account managers only
 * when assigned to the engagement, by display name), without TypeORM's entity hydration.
 */
@Injectable()
export class GateReader {
  private readonly statements = new Map<string, { text: string; names: string[] }>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: TemplateRegistry,
    private readonly evidence: StepEvidenceRegistry,
  ) {}

  async read(scope: AccessScope, id: string): Promise<GateRead> {
    const condition = engagementScopeCondition(scope, 'e');
    const statement = this.statementFor(condition.sql);
    const params: Record<string, unknown> = { ...condition.params, gateOnboardingId: id };
    const values = statement.names.map((name) => params[name]);
    const rows: GateRow[] = await this.tx.manager.query(statement.text, values);
    if (rows.length === 0) throw new NotFoundException('Onboarding');
    const [first] = rows;
    const steps: GateReadStep[] = [];
    for (const r of rows) {
      if (r.key === null) continue; // an onboarding without steps: the one row of its LEFT JOIN
      const proposer =
        r.proposer_party && r.proposer_role
          ? { party: r.proposer_party, role: r.proposer_role }
          : null;
      const waited = waitedOn(r, proposer, r.proposal ?? 'none');
      steps.push({
        key: r.key,
        type: r.type,
        party: waited.party,
        role: waited.role,
        state: r.state,
        requiredForStart: r.required_for_start,
        dueAt: r.due_at,
        dependsOn: r.depends_on,
        reason: r.reason,
        assignees: (waited.proposing ? r.proposer_users : r.users) ?? [],
      });
    }
    return {
      onboardingId: first.id,
      engagementId: first.engagement_id,
      templateKey: first.template_key,
      templateVersion: first.template_version,
      steps,
    };
  }

  /**
   * The statement for one shape of scope condition, with its named parameters (`:name`) made
   * positional once: a handful of shapes exist (by role), so this is worked out once each.
   */
  private statementFor(scopeSql: string): { text: string; names: string[] } {
    let statement = this.statements.get(scopeSql);
    if (!statement) {
      const names: string[] = [];
      const text = gateSql(
        scopeSql,
        proposersSql(this.templates.all(), (key) => this.evidence.decidedIn(key) !== null),
      ).replace(/:(\w+)/g, (_match, name: string) => {
        if (!names.includes(name)) names.push(name);
        return `$${names.indexOf(name) + 1}`;
      });
      statement = { text, names };
      this.statements.set(scopeSql, statement);
    }
    return statement;
  }
}

/** The acting users of one party and role on the engagement (as AssigneeResolver). */
function usersSql(party: string, role: string, when: string): string {
  return `SELECT json_agg(json_build_object('id', u.id, 'displayName', u.display_name, 'email', u.email)
                              ORDER BY u.display_name) AS users
                FROM membership m
                JOIN app_user u ON u.id = m.user_id
               WHERE ${when} AND s.required_for_start AND s.state NOT IN ('done', 'waived')
                 AND m.role = ${role}
                 AND m.organisation_id = CASE WHEN ${party} = 'customer' THEN t.customer_organisation_id
                                              ELSE t.provider_organisation_id END
                 AND (m.role <> 'account_manager' OR EXISTS (
                       SELECT 1 FROM engagement_assignment a
                        WHERE a.engagement_id = t.engagement_id AND a.user_id = u.id))`;
}

function gateSql(scopeSql: string, proposers: string): string {
  // A LATERAL per step (users only for open required steps, the only ones a verdict names) plans
  // and runs in about half the time of grouping the acting users in a CTE first.
  // The newest proposal and the proposer's users are read only for steps with a proposer; which
  // of the two user lists the step waits on is decided in code (`waitedOn`), the rule kept once.
  return `SELECT t.id, t.engagement_id, t.template_key, t.template_version,
                 s.key, s.type, s.party, s.role, s.state, s.required_for_start, s.due_at,
                 s.depends_on, s.reason, w.users,
                 pr.party AS proposer_party, pr.role AS proposer_role, np.proposal, pw.users AS proposer_users
            FROM (SELECT o.id, o.engagement_id, o.template_key, o.template_version,
                         e.customer_organisation_id, e.provider_organisation_id
                    FROM onboarding o
                    JOIN engagement e ON e.id = o.engagement_id
                   WHERE o.id = :gateOnboardingId AND ${scopeSql}) t
            LEFT JOIN onboarding_step s ON s.onboarding_id = t.id
            LEFT JOIN (${proposers}) pr
                   ON pr.template_key = t.template_key AND pr.template_version = t.template_version
                  AND pr.step_key = s.key
            LEFT JOIN LATERAL (
              SELECT CASE WHEN sub.outdated_at IS NULL THEN 'current' ELSE 'outdated' END AS proposal
                FROM step_submission sub
               WHERE pr.step_key IS NOT NULL AND sub.onboarding_id = t.id AND sub.step_key = s.key
               ORDER BY sub.version DESC LIMIT 1
            ) np ON TRUE
            LEFT JOIN LATERAL (${usersSql('s.party', 's.role', 'TRUE')}) w ON TRUE
            LEFT JOIN LATERAL (${usersSql('pr.party', 'pr.role', 'pr.step_key IS NOT NULL')}) pw ON TRUE
           ORDER BY s.position`;
}
