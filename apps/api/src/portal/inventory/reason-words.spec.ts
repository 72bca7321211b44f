import { reasonText } from './reason-words';

describe('reasonText', () => {
  it.each<[string, 'ja' | 'en' | 'zh', string]>([
    ['type "desktop" must be one of client, server', 'ja', 'type「desktop」は client, server のいずれかにしてください'],
    ['duplicate hostname "TKY-PC-001" (first at line 2)', 'en', 'host name “TKY-PC-001” appears again (first at line 2)'],
    ['country "XX" is not an ISO 3166-1 alpha-2 code', 'zh', 'country“XX”不是 ISO 3166-1 alpha-2 代码'],
    ['kernel is required for Linux endpoints', 'ja', 'Linux の端末には kernel が必要です'],
    ['site is longer than 200 characters', 'en', 'site is longer than 200 characters'],
    ['has 3 fields, expected 9', 'zh', '有 3 个字段，应为 9 个'],
    ['missing column "hostname"', 'ja', '列「hostname」がありません'],
    ['Windows Server 2012 R2: extended support ended 2023-10-10', 'ja', 'Windows Server 2012 R2：2023-10-10 にサポートが終了しました'],
    ['Windows 10 22H2: support ends 2026-10-13 (in 120 days)', 'en', 'Windows 10 22H2: support ends on 2026-10-13 (in 120 days)'],
    ['Debian 10: not supported by the Example EDR sensor', 'zh', 'Debian 10：Example EDR 传感器不支持'],
    ['Ubuntu 22.04: supported by Example EDR; support until 2027-06-01', 'ja', 'Ubuntu 22.04：Example EDR がサポート。サポート期限 2027-06-01'],
    ['is required for an upgrade', 'ja', 'アップグレードには期日が必要です'],
    ['match no endpoint that needs a decision', 'en', 'no endpoint that needs a decision matches'],
  ])('%s (%s)', (reason, language, expected) => {
    expect(reasonText(language, reason)).toBe(expected);
  });

  it('shows a reason it does not know as given', () => {
    expect(reasonText('ja', 'record is longer than 65536 characters (unclosed quote?)')).toBe('record is longer than 65536 characters (unclosed quote?)');
  });
});
