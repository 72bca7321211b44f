import type { SetApartEndpoint } from '../deployment/sensor-scope';
import type { SiteView } from './sites';

export interface WaveView {
  number: number;
  groupId: string;
  groupName: string;
  hostnames: string[];
  minutes: number;
}

export interface SitePlanView extends SiteView {
  waves: WaveView[];
  totalMinutes: number;
}

/** What keeps the plan from fitting; `message` is English, the portal words it from the code. */
export type WaveWarning =
  | {
      code: 'policy_exceeds_site';
      group: string;
      site: string;
      policyMax: number;
      siteMax: number;
      message: string;
    }
  | { code: 'site_without_figures'; site: string; message: string }
  | { code: 'site_without_budget'; site: string; message: string }
  | { code: 'endpoints_without_group'; count: number; message: string };

export interface WavesPlan {
  engagementId: string;
  sites: SitePlanView[];
  totalMinutes: number;
  warnings: WaveWarning[];
  /** Endpoints that will not get the sensor (excluded by decision, unsupported): in no wave, with why. */
  setApart: SetApartEndpoint[];
}
