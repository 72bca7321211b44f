import { ClassifiableEndpoint, classifyEndpoint, supportMatrixFor } from '@app/rollout';
import { reasonText } from './reason-words';

describe('reasonText', () => {
  it.each<[string, 'ja' | 'en' | 'zh', string]>([
    [
      'type "desktop" must be one of client, server',
      'ja',
      'type「desktop」は client, server のいずれかにしてください',
    ],
    [
      'duplicate hostname "TKY-PC-001" (first at line 2)',
      'en',
      'host name “TKY-PC-001” appears again (first at line 2)',
    ],
    [
      'country "XX" is not an ISO 3166-1 alpha-2 code',
      'zh',
      'country“XX”不是 ISO 3166-1 alpha-2 代码',
    ],
    ['kernel is required for Linux endpoints', 'ja', 'Linux の端末には kernel が必要です'],
    ['site is longer than 200 characters', 'en', 'site is longer than 200 characters'],
    ['has 3 fields, expected 9', 'zh', '有 3 个字段，应为 9 个'],
    ['missing column "hostname"', 'ja', '列「hostname」がありません'],
    [
      'Windows Server 2012 R2: extended support ended 2023-10-10',
      'ja',
      'Windows Server 2012 R2：2023-10-10 にサポートが終了しました',
    ],
    [
      'Windows 10 22H2: support ends 2026-10-13 (in 120 days)',
      'en',
      'Windows 10 22H2: support ends on 2026-10-13 (in 120 days)',
    ],
    [
      'Debian 10: not supported by the Example EDR sensor',
      'zh',
      'Debian 10：Example EDR 传感器不支持',
    ],
    [
      'Ubuntu 22.04: supported by Example EDR; support until 2027-06-01',
      'ja',
      'Ubuntu 22.04：Example EDR がサポート。サポート期限 2027-06-01',
    ],
    ['is required for an upgrade', 'ja', 'アップグレードには期日が必要です'],
    ['match no endpoint that needs a decision', 'en', 'no endpoint that needs a decision matches'],
    [
      'Ubuntu 22.04: kernel 4.4.0 is outside the supported range 5.15–6.8',
      'ja',
      'Ubuntu 22.04：カーネル 4.4.0 はサポート範囲 5.15～6.8 の外です',
    ],
    [
      'Ubuntu "Ubuntu 9.10": this version is not in the Example EDR support matrix',
      'zh',
      'Ubuntu“Ubuntu 9.10”：此版本不在 Example EDR 支持矩阵中',
    ],
  ])('%s (%s)', (reason, language, expected) => {
    expect(reasonText(language, reason)).toBe(expected);
  });

  it('words every classification the support matrix can give in Japanese and Chinese', () => {
    const matrix = supportMatrixFor('example-edr');
    const endpoints: ClassifiableEndpoint[] = [
      { type: 'client', osFamily: 'windows', osVersion: '10.0.19045', kernel: null },
      { type: 'client', osFamily: 'windows', osVersion: 'Windows 7', kernel: null },
      { type: 'server', osFamily: 'windows', osVersion: 'Windows Server 2012 R2', kernel: null },
      { type: 'client', osFamily: 'windows', osVersion: 'Windows 95', kernel: null },
      { type: 'client', osFamily: 'macos', osVersion: '15.1', kernel: null },
      { type: 'client', osFamily: 'macos', osVersion: '9.2', kernel: null },
      { type: 'server', osFamily: 'linux', osVersion: 'Ubuntu 22.04', kernel: '6.8.0-40' },
      { type: 'server', osFamily: 'linux', osVersion: 'Ubuntu 22.04', kernel: '4.4.0' },
      { type: 'server', osFamily: 'linux', osVersion: 'Ubuntu 22.04', kernel: 'unknown' },
      { type: 'server', osFamily: 'linux', osVersion: 'Ubuntu 9.10', kernel: '2.6.31' },
      { type: 'server', osFamily: 'linux', osVersion: 'Debian 10', kernel: '4.19.0' },
      { type: 'server', osFamily: 'linux', osVersion: 'CentOS 6', kernel: '2.6.32' },
      { type: 'server', osFamily: 'linux', osVersion: 'Plan 9', kernel: '1.0' },
    ];
    for (const day of ['2026-11-02', '2027-03-01', '2031-01-01']) {
      for (const endpoint of endpoints) {
        const { reason } = classifyEndpoint(matrix, endpoint, day, 180);
        for (const language of ['ja', 'zh'] as const)
          expect(`${reason} → ${reasonText(language, reason)}`).not.toBe(`${reason} → ${reason}`);
      }
    }
  });

  it('shows a reason it does not know as given', () => {
    expect(reasonText('ja', 'record is longer than 65536 characters (unclosed quote?)')).toBe(
      'record is longer than 65536 characters (unclosed quote?)',
    );
  });
});
