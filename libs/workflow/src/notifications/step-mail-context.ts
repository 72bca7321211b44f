import { Inject, Injectable } from '@nestjs/common';
import { Engagement, Language, Organisation, ReaderZones, User } from '@app/identity';
import {
  MAILER,
  Mailer,
  MailRenderer,
  MailTemplates,
  NOTIFICATION_ID_HEADER,
  MailKind,
  PreferredDelivery,
  resolveLanguage,
  StepOpeningRef,
} from '@app/notify';
import { APP_CONFIG, AppConfig, Clock, TransactionRunner } from '@app/platform';
import { In } from 'typeorm';
import { OnboardingStep } from '../entities/onboarding-step.entity';
import { Onboarding } from '../entities/onboarding.entity';
import type { GateUser } from '../gate/evaluate-gate';
import type { StepState } from '../gate/step-state';
import { Assignable, AssigneeResolver } from '../services/assignees';
import { TemplateRegistry } from '../services/template-registry';
import { localise } from '../templates/localise';
import type { StepDefinition } from '../templates/template.types';
import { formatDate } from './notification-labels';
import { isSameOpening } from './workflow-notifier';

/** One step as its mails need it, loaded fresh when the job runs. */
export interface StepFacts {
  step: OnboardingStep;
  onboarding: Onboarding;
  engagement: Engagement;
  customer: Organisation;
  definition: StepDefinition | undefined;
}

export interface Recipient {
  id: string;
  email: string;
  displayName: string;
  language: Language;
  /** The zone the recipient reads times in. */
  timeZone: string;
}

/**
 * What the workflow job handlers share: loading the step a job is about (and deciding whether
 * it is still the opening the job was written for), finding recipients, the parts every step
 * mail shows in the recipient's language, and sending.
 */
@Injectable()
export class StepMailContext {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly templates: TemplateRegistry,
    private readonly assignees: AssigneeResolver,
    private readonly clock: Clock,
    private readonly renderer: MailRenderer,
    @Inject(MAILER) private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly zones: ReaderZones,
    private readonly delivery: PreferredDelivery,
  ) {}

  /**
   * The step, if it still exists, is still in the opening `ref` names, and is in one of `states`;
   * otherwise null: the step was completed, waived, reopened or otherwise moved on, and the job
   * has nothing left to say.
   */
  async current(ref: StepOpeningRef, states: readonly StepState[]): Promise<StepFacts | null> {
    const manager = this.tx.manager;
    const step = await manager.getRepository(OnboardingStep).findOneBy({ id: ref.stepId });
    if (step === null || !isSameOpening(step, ref) || !states.includes(step.state)) return null;
    const onboarding = await manager
      .getRepository(Onboarding)
      .findOneByOrFail({ id: step.onboardingId });
    const engagement = await manager
      .getRepository(Engagement)
      .findOneByOrFail({ id: onboarding.engagementId });
    const customer = await manager
      .getRepository(Organisation)
      .findOneByOrFail({ id: engagement.customerOrganisationId });
    const definition = this.templates.step(
      onboarding.templateKey,
      onboarding.templateVersion,
      step.key,
    );
    return { step, onboarding, engagement, customer, definition };
  }

  /** The users holding a party's role on the engagement (account managers: the assigned ones). */
  async holders(facts: StepFacts, who: Assignable): Promise<GateUser[]> {
    const found = await this.assignees.forSteps(this.tx.manager, facts.engagement, [who]);
    return found.get(`${who.party}:${who.role}`) ?? [];
  }

  /** The users to write to, with their language (unknown users are left out). */
  async recipients(userIds: string[]): Promise<Recipient[]> {
    if (userIds.length === 0) return [];
    const rows = await this.tx.manager.getRepository(User).findBy({ id: In(userIds) });
    return Promise.all(
      rows.map(async (u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        language: resolveLanguage(u.language),
        timeZone: await this.zones.ofUser(u.id, this.tx.manager),
      })),
    );
  }

  async organisationName(id: string): Promise<string> {
    return (await this.tx.manager.getRepository(Organisation).findOneByOrFail({ id })).name;
  }

  now(): Date {
    return this.clock.now();
  }

  title(facts: StepFacts, language: Language): string {
    return facts.definition ? localise(facts.definition.title, language) : facts.step.key;
  }

  description(facts: StepFacts, language: Language): string {
    return facts.definition ? localise(facts.definition.description, language) : '';
  }

  /** The fields every step mail has, for one recipient. */
  base(facts: StepFacts, recipient: Recipient) {
    return {
      displayName: recipient.displayName,
      customerName: facts.customer.name,
      stepTitle: this.title(facts, recipient.language),
      dueDate: formatDate(facts.step.dueAt, recipient.language),
      link: `${this.config.publicUrl}/onboardings/${facts.onboarding.id}`,
    };
  }

  /**
   * Renders a mail in the recipient's language and sends it (tagged with the job's outbox id)
   * as they prefer for `kind`: at once, held for their digest (its line is the subject), or not
   * at all. Every step mail goes this way. `heldAs` is the id the notification is known by (the
   * outbox id, or the ledger's id of a per-recipient mail).
   */
  async sendPreferred<N extends keyof MailTemplates & string>(
    kind: MailKind<N>,
    name: N,
    ids: { outboxId: string; heldAs: string },
    recipient: Recipient,
    model: MailTemplates[N] & { link: string },
  ): Promise<void> {
    const mail = this.renderer.render(name, recipient.language, model);
    await this.delivery.deliver(
      {
        notificationId: ids.heldAs,
        userId: recipient.id,
        kind,
        subject: mail.subject,
        link: model.link,
      },
      () => this.mailRendered(mail, ids.outboxId, recipient),
    );
  }

  private async mailRendered(
    mail: { subject: string; html: string; text: string },
    outboxId: string,
    recipient: Recipient,
  ): Promise<void> {
    await this.mailer.send({
      to: recipient.email,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      headers: { [NOTIFICATION_ID_HEADER]: outboxId },
    });
  }
}
