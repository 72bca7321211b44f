// Every migration, in order. Explicit rather than globbed so the app, the CLI and the tests
// (TypeScript under jest, JavaScript after the build) all run exactly the same list.
import { CreateIdentityAndAudit1764000000000 } from './1764000000000-CreateIdentityAndAudit';
import { CreateNotifyTables1764100000000 } from './1764100000000-CreateNotifyTables';
import { CreateWorkflowTables1764200000000 } from './1764200000000-CreateWorkflowTables';
import { AddOutboxRunAt1764300000000 } from './1764300000000-AddOutboxRunAt';
import { CreateAgreementTables1764400000000 } from './1764400000000-CreateAgreementTables';
import { AddEngagementEdr1764450000000 } from './1764450000000-AddEngagementEdr';
import { CreateSignatureRequests1764500000000 } from './1764500000000-CreateSignatureRequests';
import { CreateDomainConfirmations1764600000000 } from './1764600000000-CreateDomainConfirmations';
import { CreateEndpointInventory1764700000000 } from './1764700000000-CreateEndpointInventory';
import { CreateEndpointDecisionsAndProductPlans1764710000000 } from './1764710000000-CreateEndpointDecisionsAndProductPlans';
import { CreateRolloutPlanning1764720000000 } from './1764720000000-CreateRolloutPlanning';
import { CreateProtectionTables1764730000000 } from './1764730000000-CreateProtectionTables';
import { CreateOnboardingProgress1764800000000 } from './1764800000000-CreateOnboardingProgress';
import { CreateIncidentTables1764900000000 } from './1764900000000-CreateIncidentTables';
import { CreateRateLimitHit1764950000000 } from './1764950000000-CreateRateLimitHit';
import { AddDeliveryTracking1764960000000 } from './1764960000000-AddDeliveryTracking';
import { CreateIncidentEscalations1764970000000 } from './1764970000000-CreateIncidentEscalations';
import { EndpointBulkLoadIntegrity1764980000000 } from './1764980000000-EndpointBulkLoadIntegrity';
import { PartitionEndpointsByEngagement1765000000000 } from './1765000000000-PartitionEndpointsByEngagement';
import { NumberOnboardingsPerEngagement1765100000000 } from './1765100000000-NumberOnboardingsPerEngagement';
import { IncidentTasksNotApplicable1765110000000 } from './1765110000000-IncidentTasksNotApplicable';
import { AddTimeZones1765120000000 } from './1765120000000-AddTimeZones';
import { AddProposalSnapshots1765130000000 } from './1765130000000-AddProposalSnapshots';
import { HardenSignIn1765200000000 } from './1765200000000-HardenSignIn';
import { CreateTaskEvidence1765300000000 } from './1765300000000-CreateTaskEvidence';
import { CreateEndpointDeployment1765310000000 } from './1765310000000-CreateEndpointDeployment';
import { ChainAuditPerEngagement1765400000000 } from './1765400000000-ChainAuditPerEngagement';
import { CreateApiKeys1765500000000 } from './1765500000000-CreateApiKeys';
import { CreateUserSessions1765510000000 } from './1765510000000-CreateUserSessions';
import { CreateTotpFactors1765520000000 } from './1765520000000-CreateTotpFactors';
import { AddOrganisationSingleSignOn1765530000000 } from './1765530000000-AddOrganisationSingleSignOn';
import { RequireMfaPerOrganisation1765540000000 } from './1765540000000-RequireMfaPerOrganisation';
import { CreatePasskeys1765550000000 } from './1765550000000-CreatePasskeys';
import { CreateConversations1765570000000 } from './1765570000000-CreateConversations';
import { CreateEvidenceStore1765580000000 } from './1765580000000-CreateEvidenceStore';
import { CreateNotificationPreferences1765590000000 } from './1765590000000-CreateNotificationPreferences';
import { CreateCalendarFeeds1765600000000 } from './1765600000000-CreateCalendarFeeds';
import { IncidentsForTheCustomer1765610000000 } from './1765610000000-IncidentsForTheCustomer';
import { OneEvidenceStore1765620000000 } from './1765620000000-OneEvidenceStore';
import { InternalAuditContentAndLongerComments1765630000000 } from './1765630000000-InternalAuditContentAndLongerComments';
import { NotifyGrantChanges1765650000000 } from './1765650000000-NotifyGrantChanges';
import { CoverOverdueSteps1765660000000 } from './1765660000000-CoverOverdueSteps';
import { WaitOnProposers1765700000000 } from './1765700000000-WaitOnProposers';
import { LocaliseHistoryChanges1765720000000 } from './1765720000000-LocaliseHistoryChanges';
import { CoverWaitedOnOverdue1765750000000 } from './1765750000000-CoverWaitedOnOverdue';

export const MIGRATIONS = [
  CreateIdentityAndAudit1764000000000,
  CreateNotifyTables1764100000000,
  CreateWorkflowTables1764200000000,
  AddOutboxRunAt1764300000000,
  CreateAgreementTables1764400000000,
  AddEngagementEdr1764450000000,
  CreateSignatureRequests1764500000000,
  CreateDomainConfirmations1764600000000,
  CreateEndpointInventory1764700000000,
  CreateEndpointDecisionsAndProductPlans1764710000000,
  CreateRolloutPlanning1764720000000,
  CreateProtectionTables1764730000000,
  CreateOnboardingProgress1764800000000,
  CreateIncidentTables1764900000000,
  CreateRateLimitHit1764950000000,
  AddDeliveryTracking1764960000000,
  CreateIncidentEscalations1764970000000,
  EndpointBulkLoadIntegrity1764980000000,
  PartitionEndpointsByEngagement1765000000000,
  NumberOnboardingsPerEngagement1765100000000,
  IncidentTasksNotApplicable1765110000000,
  AddTimeZones1765120000000,
  AddProposalSnapshots1765130000000,
  HardenSignIn1765200000000,
  CreateTaskEvidence1765300000000,
  CreateEndpointDeployment1765310000000,
  ChainAuditPerEngagement1765400000000,
  CreateApiKeys1765500000000,
  CreateUserSessions1765510000000,
  CreateTotpFactors1765520000000,
  AddOrganisationSingleSignOn1765530000000,
  RequireMfaPerOrganisation1765540000000,
  CreatePasskeys1765550000000,
  CreateConversations1765570000000,
  CreateEvidenceStore1765580000000,
  CreateNotificationPreferences1765590000000,
  CreateCalendarFeeds1765600000000,
  IncidentsForTheCustomer1765610000000,
  OneEvidenceStore1765620000000,
  InternalAuditContentAndLongerComments1765630000000,
  NotifyGrantChanges1765650000000,
  CoverOverdueSteps1765660000000,
  WaitOnProposers1765700000000,
  LocaliseHistoryChanges1765720000000,
  CoverWaitedOnOverdue1765750000000,
];
