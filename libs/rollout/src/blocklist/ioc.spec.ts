import { IndicatorType, normaliseIndicator } from './ioc';

const SHA256 = 'a'.repeat(64);

describe('normaliseIndicator', () => {
  it.each<[IndicatorType, string, string]>([
    ['sha256', SHA256.toUpperCase(), SHA256],
    ['sha256', `  ${SHA256}  `, SHA256],
    [
      'sha1',
      'DA39A3EE5E6B4B0D3255BFEF95601890AFD80709',
      'da39a3ee5e6b4b0d3255bfef95601890afd80709',
    ],
    ['md5', 'D41D8CD98F00B204E9800998ECF8427E', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['file_path', 'C:\\Users\\Public\\evil.exe', 'C:\\Users\\Public\\evil.exe'],
    ['file_path', 'c:/Users//Public/evil.exe', 'c:\\Users\\Public\\evil.exe'],
    ['file_path', '\\\\fileserver\\share\\drop.js', '\\\\fileserver\\share\\drop.js'],
    ['file_path', '/tmp//.x/miner', '/tmp/.x/miner'],
    ['domain', 'Evil.Example.COM.', 'evil.example.com'],
    ['domain', 'ドメイン.example', 'xn--eckwd4c7c.example'],
    ['domain', 'bücher.de', 'xn--bcher-kva.de'],
    ['ip', '203.0.113.7', '203.0.113.7'],
    ['ip', '2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['process_name', 'powershell.exe', 'powershell.exe'],
    [
      'command_line',
      'cmd.exe /c vssadmin delete shadows /all /quiet',
      'cmd.exe /c vssadmin delete shadows /all /quiet',
    ],
  ])('%s %j → %j', (type, input, expected) => {
    expect(normaliseIndicator(type, input)).toEqual({ ok: true, value: expected });
  });

  it.each<[IndicatorType, string, RegExp]>([
    ['sha256', 'a'.repeat(63), /64 hexadecimal digits/],
    ['sha256', 'g'.repeat(64), /hexadecimal/],
    ['sha1', 'a'.repeat(64), /40 hexadecimal digits/],
    ['md5', 'a'.repeat(40), /32 hexadecimal digits/],
    ['sha256', '   ', /empty/],
    ['file_path', 'evil.exe', /absolute/],
    ['file_path', 'Users\\x.exe', /absolute/],
    ['file_path', 'C:\\a\\..\\b.exe', /\.\./],
    ['file_path', 'C:\\a\\b?.exe', /Windows does not allow/],
    ['file_path', '/tmp/a\u0000b', /control/],
    ['domain', 'localhost', /domain name such as/],
    ['domain', '*.evil.com', /wildcards/],
    ['domain', 'https://evil.com/x', /not a URL/],
    ['domain', 'bad_label.com', /invalid label/],
    ['domain', '-bad.com', /invalid label/],
    ['domain', '10.0.0.1', /IP address/],
    ['ip', '999.1.1.1', /IPv4 or IPv6/],
    ['ip', 'evil.com', /IPv4 or IPv6/],
    ['process_name', 'C:\\x\\evil.exe', /without a folder/],
    ['command_line', 'x'.repeat(8193), /at most 8192/],
  ])('%s case %# is refused (%s)', (type, input, reason) => {
    const result = normaliseIndicator(type, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });
});
