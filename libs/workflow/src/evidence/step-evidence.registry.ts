import { Injectable } from '@nestjs/common';
import type { Language } from '@app/identity/roles';
import { EntityManager } from 'typeorm';
import type { Onboarding } from '../entities/onboarding.entity';

/** An automatic check: the reasons it fails for this onboarding right now (empty = passes). */
export type StepCheck = (manager: EntityManager, onboarding: Onboarding, language: Language) => Promise<string[]>;

/**
 * Where later features attach to the template's steps by key: approvals decided elsewhere (an
 * agreement version, a signature) and the functions behind automatic checks.
 */
@Injectable()
export class StepEvidenceRegistry {
  private readonly external = new Map<string, string>();
  private readonly checks = new Map<string, StepCheck>();

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
}
