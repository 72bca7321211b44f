import { Membership, Organisation, Role, User } from '@app/identity';
import type { Language } from '@app/access';
import { localise, Onboarding, OnboardingStep, TemplateRegistry } from '@app/workflow';
import { EntityManager, In } from 'typeorm';
import { DomainConfirmation } from '../domain-confirmation/entities/domain-confirmation.entity';
import { SignatureRequest } from '../signatures/signature-request.entity';

/** Who acted: a portal user (with organisation and role) or a named outside signer/recipient. */
export interface CertifiedPerson {
  name: string;
  email: string | null;
  organisation: string | null;
  role: Role | null;
}

export interface CertifiedStep {
  key: string;
  title: string;
  phase: string;
  type: OnboardingStep['type'];
  state: 'done' | 'waived';
  by: CertifiedPerson | null;
  at: Date | null;
  contentHash: string | null;
  evidence: { kind: 'signature_request' | 'domain_confirmation'; id: string } | null;
  reason: string | null;
}

/** The people behind user ids, with their organisation and role. */
async function peopleOf(
  manager: EntityManager,
  ids: string[],
): Promise<Map<string, CertifiedPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const users = await manager.getRepository(User).findBy({ id: In(unique) });
  const memberships = await manager.getRepository(Membership).findBy({ userId: In(unique) });
  const orgIds = [
    ...new Set(users.map((u) => u.organisationId).filter((id): id is string => id !== null)),
  ];
  const organisations = orgIds.length
    ? await manager.getRepository(Organisation).findBy({ id: In(orgIds) })
    : [];
  const orgName = new Map(organisations.map((o) => [o.id, o.name]));
  return new Map(
    users.map((user) => {
      const membership =
        memberships.find((m) => m.userId === user.id && m.organisationId === user.organisationId) ??
        memberships.find((m) => m.userId === user.id);
      return [
        user.id,
        {
          name: user.displayName,
          email: user.email,
          organisation: user.organisationId ? (orgName.get(user.organisationId) ?? null) : null,
          role: membership?.role ?? null,
        },
      ];
    }),
  );
}

/**
 * Every gate step of a started onboarding with who settled it, when, the hash it binds to and,
 * for the signature and domain-permission steps, the request or confirmation that decided it
 * (the one whose document hash the step recorded).
 */
export async function certifiedSteps(
  manager: EntityManager,
  templates: TemplateRegistry,
  onboarding: Onboarding,
  customerName: string,
  language: Language,
): Promise<{ steps: CertifiedStep[]; startedBy: CertifiedPerson | null }> {
  const steps = (
    await manager
      .getRepository(OnboardingStep)
      .find({ where: { onboardingId: onboarding.id }, order: { position: 'ASC' } })
  ).filter((s) => s.requiredForStart);
  const template = templates.get(onboarding.templateKey, onboarding.templateVersion);
  const signatures = await manager.getRepository(SignatureRequest).find({
    where: { onboardingId: onboarding.id, status: 'signed' },
    order: { signedAt: 'DESC' },
  });
  const confirmations = await manager.getRepository(DomainConfirmation).find({
    where: { onboardingId: onboarding.id, status: 'confirmed' },
    order: { decidedAt: 'DESC' },
  });
  const actors = [
    ...steps.map((s) => s.actedBy),
    onboarding.serviceStartedBy,
    ...signatures.map((r) => r.signerUserId),
  ];
  const people = await peopleOf(
    manager,
    actors.filter((id): id is string => id !== null),
  );
  const result = steps.map((step): CertifiedStep => {
    const definition = template.steps.find((d) => d.key === step.key);
    const phase = template.phases.find((p) => p.key === step.phase);
    const base: CertifiedStep = {
      key: step.key,
      title: definition ? localise(definition.title, language) : step.key,
      phase: phase ? localise(phase.title, language) : step.phase,
      type: step.type,
      state: step.state === 'waived' ? 'waived' : 'done',
      by: step.actedBy ? (people.get(step.actedBy) ?? null) : null,
      at: step.actedAt,
      contentHash: step.contentHash,
      evidence: null,
      reason: step.state === 'waived' ? step.reason : null,
    };
    const signed = signatures.find(
      (r) => r.stepKey === step.key && r.documentSha256 === step.contentHash,
    );
    if (signed) {
      const user = signed.signerUserId ? people.get(signed.signerUserId) : undefined;
      return {
        ...base,
        by: user ?? {
          name: signed.signerName,
          email: signed.signerEmail,
          organisation: customerName,
          role: null,
        },
        at: signed.signedAt ?? base.at,
        evidence: { kind: 'signature_request', id: signed.id },
      };
    }
    const confirmed = confirmations.find(
      (c) => c.stepId === step.id && c.contentSha256 === step.contentHash,
    );
    if (confirmed) {
      return {
        ...base,
        by: {
          name: confirmed.recipient,
          email: confirmed.recipient,
          organisation: customerName,
          role: null,
        },
        at: confirmed.decidedAt ?? base.at,
        evidence: { kind: 'domain_confirmation', id: confirmed.id },
      };
    }
    return base;
  });
  return {
    steps: result,
    startedBy: onboarding.serviceStartedBy
      ? (people.get(onboarding.serviceStartedBy) ?? null)
      : null,
  };
}
