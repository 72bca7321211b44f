import { ClassifiableEndpoint, classifyEndpoint, kernelParts } from './classify-endpoint';
import { supportMatrixFor } from './matrices';

const matrix = supportMatrixFor('example-edr');
const TODAY = '2025-06-01';

const win = (osVersion: string, type: 'client' | 'server' = 'client'): ClassifiableEndpoint => ({
  type,
  osFamily: 'windows',
  osVersion,
  kernel: null,
});
const mac = (osVersion: string): ClassifiableEndpoint => ({
  type: 'client',
  osFamily: 'macos',
  osVersion,
  kernel: null,
});
const linux = (osVersion: string, kernel: string | null): ClassifiableEndpoint => ({
  type: 'server',
  osFamily: 'linux',
  osVersion,
  kernel,
});

describe('classifyEndpoint (example-edr matrix, 2025-06-01, eol_soon within 180 days)', () => {
  it.each<[string, ClassifiableEndpoint, string, string]>([
    [
      'Server 2012 R2 by name',
      win('Windows Server 2012 R2 Standard', 'server'),
      'eol',
      'Windows Server 2012 R2: extended support ended 2023-10-10',
    ],
    [
      'Server 2012 R2 by build',
      win('6.3.9600', 'server'),
      'eol',
      'Windows Server 2012 R2: extended support ended 2023-10-10',
    ],
    [
      'Server 2008 R2: no sensor',
      win('Windows Server 2008 R2', 'server'),
      'unsupported',
      'Windows Server 2008 R2: not supported by the Example EDR sensor',
    ],
    [
      'Windows 7: no sensor',
      win('6.1.7601'),
      'unsupported',
      'Windows 7: not supported by the Example EDR sensor',
    ],
    [
      'Windows 10 22H2 by build with revision',
      win('10.0.19045.3803'),
      'eol_soon',
      'Windows 10 22H2: support ends 2025-10-14 (in 135 days)',
    ],
    [
      'Windows 10 22H2 by name',
      win('Windows 10 Pro 22H2'),
      'eol_soon',
      'Windows 10 22H2: support ends 2025-10-14 (in 135 days)',
    ],
    ['Windows 10 21H2', win('10.0.19044'), 'eol', 'Windows 10 21H2: support ended 2024-06-11'],
    [
      'Windows 11 23H2',
      win('10.0.22631'),
      'supported',
      'Windows 11 23H2: supported by Example EDR; support until 2026-11-10',
    ],
    [
      'build 17763 as a server is Server 2019',
      win('10.0.17763', 'server'),
      'supported',
      'Windows Server 2019: supported by Example EDR; extended support until 2029-01-09',
    ],
    [
      'build 17763 as a client is LTSC 2019',
      win('10.0.17763', 'client'),
      'supported',
      'Windows 10 Enterprise LTSC 2019: supported by Example EDR; extended support until 2029-01-09',
    ],
    [
      'Server 2025 by build',
      win('26100', 'server'),
      'supported',
      'Windows Server 2025: supported by Example EDR; extended support until 2034-10-10',
    ],
    [
      'Windows version not in the matrix',
      win('Windows Vista'),
      'unsupported',
      'Windows version "Windows Vista" is not in the Example EDR support matrix (give the build, e.g. 10.0.19045, or the release, e.g. Windows 10 22H2)',
    ],
    ['macOS 14 by version', mac('14.5'), 'supported', 'macOS 14 Sonoma: supported by Example EDR'],
    [
      'macOS by name',
      mac('macOS Sequoia'),
      'supported',
      'macOS 15 Sequoia: supported by Example EDR',
    ],
    [
      'macOS 12: vendor support ended',
      mac('macOS 12.7.4'),
      'eol_soon',
      'macOS 12 Monterey: Example EDR support ends 2025-09-30 (in 121 days)',
    ],
    [
      'macOS 11: no sensor',
      mac('11.7'),
      'unsupported',
      'macOS 11 Big Sur: not supported by the Example EDR sensor',
    ],
    [
      'macOS 10.15 not in the matrix',
      mac('10.15.7'),
      'unsupported',
      'macOS version "10.15.7" is not in the Example EDR support matrix',
    ],
    [
      'RHEL 8 with its kernel',
      linux('RHEL 8.6', '4.18.0-372.9.1.el8.x86_64'),
      'supported',
      'Red Hat Enterprise Linux 8: supported by Example EDR; support until 2029-05-31',
    ],
    [
      'RHEL 8 with a mainline kernel',
      linux('rhel8.6', '5.4.0-1'),
      'unsupported',
      'Red Hat Enterprise Linux 8: kernel 5.4.0-1 is outside the supported range 4.18.0–4.18.0',
    ],
    [
      'Ubuntu 22.04 HWE kernel',
      linux('Ubuntu 22.04.4 LTS', '6.8.0-40-generic'),
      'supported',
      'Ubuntu 22.04: supported by Example EDR; support until 2027-06-01',
    ],
    [
      'Ubuntu 22.04 kernel too new',
      linux('Ubuntu 22.04', '6.11.0-1'),
      'unsupported',
      'Ubuntu 22.04: kernel 6.11.0-1 is outside the supported range 5.15–6.8',
    ],
    [
      'Ubuntu 20.04 support ended',
      linux('Ubuntu 20.04', '5.4.0-150-generic'),
      'eol',
      'Ubuntu 20.04: support ended 2025-05-31',
    ],
    [
      'CentOS 7 support ended',
      linux('CentOS 7.9.2009', '3.10.0-1160.el7'),
      'eol',
      'CentOS 7: support ended 2024-06-30',
    ],
    [
      'Debian 10: no sensor',
      linux('Debian 10', '4.19.0-26'),
      'unsupported',
      'Debian 10: not supported by the Example EDR sensor',
    ],
    [
      'Amazon Linux 2 not 2023',
      linux('Amazon Linux 2', '5.10.220-209'),
      'supported',
      'Amazon Linux 2: supported by Example EDR; support until 2026-06-30',
    ],
    [
      'unreadable kernel',
      linux('Debian 12', 'custom'),
      'unsupported',
      'Debian 12: kernel "custom" is not a kernel version',
    ],
    [
      'unknown distribution',
      linux('Gentoo', '6.1.0'),
      'unsupported',
      'Linux distribution "Gentoo" is not in the Example EDR support matrix',
    ],
    [
      'unknown version of a known distribution',
      linux('Debian 9', '4.9.0'),
      'unsupported',
      'Debian "Debian 9": this version is not in the Example EDR support matrix',
    ],
  ])('%s', (_name, endpoint, status, reason) => {
    expect(classifyEndpoint(matrix, endpoint, TODAY, 180)).toEqual({ status, reason });
  });

  it('eol_soon follows the configured window and the day', () => {
    expect(classifyEndpoint(matrix, win('10.0.19045'), TODAY, 30).status).toBe('supported');
    expect(classifyEndpoint(matrix, win('10.0.19045'), '2025-10-14', 0)).toEqual({
      status: 'eol_soon',
      reason: 'Windows 10 22H2: support ends 2025-10-14 (in 0 days)',
    });
    expect(classifyEndpoint(matrix, win('10.0.19045'), '2025-10-15', 180).status).toBe('eol');
  });

  it('reads kernel versions by their leading numbers', () => {
    expect(kernelParts('4.18.0-372.9.1.el8.x86_64')).toEqual([4, 18, 0, 372, 9, 1]);
    expect(kernelParts('6.8.0-40-generic')).toEqual([6, 8, 0, 40]);
    expect(kernelParts('custom')).toEqual([]);
  });
});

describe('the shipped matrix', () => {
  it('has well-formed dates, editions and kernel ranges', () => {
    const dates = [
      ...matrix.windows.flatMap((r) => [r.mainstreamEnd, r.extendedEnd]),
      ...matrix.macos.map((r) => r.endOfSupport),
      ...matrix.linux.flatMap((d) => d.versions.map((v) => v.endOfSupport)),
    ].filter((d): d is string => d !== undefined);
    for (const date of dates) expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const release of matrix.windows) expect(['client', 'server']).toContain(release.edition);
    for (const version of matrix.linux.flatMap((d) => d.versions)) {
      if (version.sensor) expect(kernelParts(version.kernel?.min ?? '').length).toBeGreaterThan(0);
    }
  });

  it('refuses an EDR product without a matrix', () => {
    expect(() => supportMatrixFor('unknown-edr')).toThrow(/not found/);
  });
});
