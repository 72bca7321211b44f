import { Injectable } from '@nestjs/common';
import { PasskeyService, PasskeyView, StepUpFactor, StepUpService } from '@app/identity';
import { PortalViewer } from '../session/portal-viewer.service';

/** What the passkeys page shows. */
export interface PasskeysPage {
  passkeys: PasskeyView[];
  /** The factor consequential acts ask for now (passkey once there is one). */
  strongest: StepUpFactor;
  name: string;
  problemKey: string | null;
}

/** The person's passkeys and what they mean for their re-authentication. */
@Injectable()
export class PasskeysPageService {
  constructor(
    private readonly passkeys: PasskeyService,
    private readonly stepUp: StepUpService,
  ) {}

  async page(
    viewer: PortalViewer,
    name = '',
    problemKey: string | null = null,
  ): Promise<PasskeysPage> {
    return {
      passkeys: await this.passkeys.list(viewer.userId),
      strongest: await this.stepUp.strongest(viewer.userId),
      name,
      problemKey,
    };
  }
}
