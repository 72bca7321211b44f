import { Injectable } from '@nestjs/common';
import { OrganisationMfaPolicy, OrganisationMfaPolicyService } from '@app/identity';
import { PortalViewer } from '../session/portal-viewer.service';

export interface MfaPolicyPage {
  policy: OrganisationMfaPolicy;
  /** The state the page's button sets. */
  next: 'true' | 'false';
}

/** What the organisation MFA policy page shows: the setting, who lacks a second factor, the switch. */
@Injectable()
export class MfaPolicyPageService {
  constructor(private readonly policies: OrganisationMfaPolicyService) {}

  /** 404 when the viewer does not see the organisation. */
  async page(viewer: PortalViewer, organisationId: string): Promise<MfaPolicyPage> {
    return this.shape(await this.policies.view(viewer.scope, organisationId));
  }

  /** 404 when the viewer does not see it, 403 when they may not switch it. */
  async set(
    viewer: PortalViewer,
    organisationId: string,
    requireMfa: boolean,
  ): Promise<MfaPolicyPage> {
    return this.shape(await this.policies.set(viewer.scope, organisationId, requireMfa));
  }

  private shape(policy: OrganisationMfaPolicy): MfaPolicyPage {
    return { policy, next: policy.requireMfa ? 'false' : 'true' };
  }
}
