import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProofModule } from '@app/proof/proof.module';
import { IdentityModule } from '@app/identity';
import { NotifyModule } from '@app/notify';
import { ClockModule } from '@app/platform';
import { EvidenceStoreModule } from '@app/evidence';
import { WORKFLOW_ENTITIES } from './entities';
import { ExternalStepEvents } from './evidence/external-step-events';
import { StepEvidenceRegistry } from './evidence/step-evidence.registry';
import { WorkflowNotifier } from './notifications/workflow-notifier';
import { OverviewSummaryService } from './overview/overview-summary.service';
import { OverviewService } from './overview/overview.service';
import { ProgressKeeper } from './progress/progress-keeper';
import { ProgressVerification } from './progress/progress-verification';
import { PlanSnapshots } from './proposals/plan-snapshots.service';
import { ProposalDocumentRenderer } from './proposals/proposal-document-renderer';
import { ProposalDocumentsService } from './proposals/proposal-documents.service';
import { ProposalSubjectRegistry } from './proposals/proposal-subjects.registry';
import { AssigneeResolver } from './services/assignees';
import { GateService } from './services/gate.service';
import { GateReader } from './services/gate-reader';
import { OnboardingAccess } from './services/onboarding-access';
import { OnboardingViewService } from './services/onboarding-view.service';
import { OnboardingService } from './services/onboarding.service';
import { StepActionsService } from './services/step-actions.service';
import { StepTransitions } from './services/step-transitions';
import { TemplateRegistry } from './services/template-registry';
import { TaskEvidenceService } from './task-evidence/task-evidence.service';

const SERVICES = [
  StepEvidenceRegistry,
  ExternalStepEvents,
  TemplateRegistry,
  OnboardingAccess,
  AssigneeResolver,
  StepTransitions,
  OnboardingService,
  OnboardingViewService,
  StepActionsService,
  GateService,
  GateReader,
  WorkflowNotifier,
  ProgressKeeper,
  ProgressVerification,
  OverviewService,
  OverviewSummaryService,
  TaskEvidenceService,
  ProposalSubjectRegistry,
  PlanSnapshots,
  ProposalDocumentsService,
  ProposalDocumentRenderer,
];

@Module({
  // ProofModule: the service start signs a checkpoint (GateService), wherever the workflow runs.
  // EvidenceStoreModule: a task's completion keeps its files in the evidence store.
  imports: [
    TypeOrmModule.forFeature(WORKFLOW_ENTITIES),
    IdentityModule,
    NotifyModule,
    ClockModule,
    ProofModule,
    EvidenceStoreModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class WorkflowModule {}
