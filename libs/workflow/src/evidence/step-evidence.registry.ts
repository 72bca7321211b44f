import { Injectable } from '@nestjs/common';
import type { Language } from '@app/access';
import { EntityManager } from 'typeorm';
import type { Onboarding } from '../entities/onboarding.entity';

/** An automatic check: the reasons it fails for this onboarding right now (empty = passes). */
export type StepCheck = (
  manager: EntityManager,
  onboarding: Onboarding,
  language: Language,
) => Promise<string[]>;

/**
 * Why a task cannot be completed yet, measured by the feature that knows (e.g. the days of the
 * tuning period still to run): reasons in the caller's language, and figures for clients.
 */
export interface CompletionRefusal {
  reasons: string[];
  details?: Record<string, unknown>;
}

/** A measured precondition of completing a task: null when it holds. */
export type CompletionCondition = (
  manager: EntityManager,
  onboarding: Onboarding,
  language: Language,
) => Promise<CompletionRefusal | null>;

/**
 * Where later features attach to the template's steps by key: approvals decided elsewhere (an
 * agreement version, a signature) and the functions behind automatic checks.
 */
@Injectable()
export class StepEvidenceRegistry {
  private readonly external = new Map<string, string>();
  private readonly checks = new Map<string, StepCheck>();
  private readonly conditions = new Map<string, CompletionCondition>();

  /** The step is decided through another feature, e.g. "the service agreement". */
  decideElsewhere(stepKey: string, where: string): void {
    this.external.set(stepKey, where);
  }

  decidedIn(stepKey: string): string | null {
    return this.external.get(stepKey) ?? null;
  }

  registerCheck(stepKey: string, check: StepCheck): void {
    this.checks.set(stepKey, check);
  }

  checkFor(stepKey: string): StepCheck | null {
    return this.checks.get(stepKey) ?? null;
  }

  /** The task completes only when the condition holds; otherwise `complete` answers 409 with its reasons. */
  registerCompletionCondition(stepKey: string, condition: CompletionCondition): void {
    this.conditions.set(stepKey, condition);
  }

  completionConditionFor(stepKey: string): CompletionCondition | null {
    return this.conditions.get(stepKey) ?? null;
  }
}
