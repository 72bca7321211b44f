import type { EndpointType } from '../inventory/endpoint.entity';

/** A Windows release: matched by build (e.g. 10.0.19045) or by name/alias (e.g. "Windows 10 22H2"). */
export interface WindowsRelease {
  name: string;
  edition: EndpointType;
  build: string;
  aliases: string[];
  /** Whether the EDR sensor installs and runs on it. */
  sensor: boolean;
  mainstreamEnd?: string;
  /** Microsoft's (extended) end of support, YYYY-MM-DD. */
  extendedEnd?: string;
}

export interface MacRelease {
  name: string;
  /** Major version, e.g. "14". */
  version: string;
  aliases: string[];
  sensor: boolean;
  /** The EDR vendor's end of sensor support for this release, if announced. */
  endOfSupport?: string;
}

/** Inclusive kernel range, compared on as many leading numeric parts as each bound has. */
export interface KernelRange {
  min: string;
  max: string;
}

export interface LinuxVersion {
  version: string;
  sensor: boolean;
  kernel?: KernelRange;
  endOfSupport?: string;
}

export interface LinuxDistribution {
  name: string;
  aliases: string[];
  versions: LinuxVersion[];
}

/** What one EDR product supports, as shipped in `matrices/<product>.json`. */
export interface SupportMatrix {
  product: string;
  name: string;
  updated: string;
  notes?: string;
  windows: WindowsRelease[];
  macos: MacRelease[];
  linux: LinuxDistribution[];
}
