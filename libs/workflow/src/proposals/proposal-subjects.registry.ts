import { Injectable } from '@nestjs/common';
import type { SnapshotProvider } from './plan-snapshot';

/**
 * Which approval steps approve a snapshot of configuration, and how each is taken. The libs that
 * own the configuration (roll-out planning, protection, inventory) register here at start-up, as
 * they register their automatic checks with StepEvidenceRegistry: the workflow never imports them.
 */
@Injectable()
export class ProposalSubjectRegistry {
  private readonly snapshots = new Map<string, SnapshotProvider>();

  registerSnapshot(stepKey: string, provider: SnapshotProvider): void {
    this.snapshots.set(stepKey, provider);
  }

  snapshotFor(stepKey: string): SnapshotProvider | null {
    return this.snapshots.get(stepKey) ?? null;
  }
}
