import type { LookupAddress } from 'node:dns';
import { AppConfig, loadConfig } from '@app/platform';
import { targetRefusal, WebhookRefused, WebhookTargets } from './webhook-targets';

const answers = new Map<string, LookupAddress[]>();
jest.mock('node:dns/promises', () => ({
  lookup: jest.fn((host: string) => {
    if (host === 'slow.example') return new Promise(() => undefined);
    const found = answers.get(host);
    return found
      ? Promise.resolve(found)
      : Promise.reject(
          Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' }),
        );
  }),
}));

function targets(allowed = ''): WebhookTargets {
  const config: AppConfig = loadConfig({ WEBHOOK_ALLOWED_PRIVATE_HOSTS: allowed });
  return new WebhookTargets(config);
}

describe('targetRefusal', () => {
  const none = new Set<string>();

  it('refuses a host with any internal address among its addresses', () => {
    expect(targetRefusal('hooks.example', ['93.184.215.14'], none)).toBeNull();
    expect(targetRefusal('hooks.example', ['93.184.215.14', '10.0.0.7'], none)).toBe(
      'hooks.example resolves to 10.0.0.7, private (10.0.0.0/8)',
    );
    expect(targetRefusal('hooks.example', ['2606:4700::1', 'fd00::1'], none)).toMatch(
      /fd00::1, unique-local/,
    );
    expect(targetRefusal('hooks.example', [], none)).toBe('hooks.example resolves to no address');
    expect(targetRefusal('169.254.169.254', ['169.254.169.254'], none)).toBe(
      '169.254.169.254 is link-local, cloud metadata (169.254.0.0/16)',
    );
  });

  it('lets an allow-listed host reach anything, matched on the host as written', () => {
    const allowed = new Set(['127.0.0.1', 'hooks.internal']);
    expect(targetRefusal('127.0.0.1', ['127.0.0.1'], allowed)).toBeNull();
    expect(targetRefusal('hooks.internal', ['10.0.0.7', '::1'], allowed)).toBeNull();
    // Another name that happens to resolve to an allowed address is not on the list.
    expect(targetRefusal('localhost', ['127.0.0.1'], allowed)).toMatch(
      /localhost resolves to 127\.0\.0\.1, loopback/,
    );
  });
});

describe('WebhookTargets', () => {
  beforeEach(() => answers.clear());

  it.each([
    'http://127.0.0.1:8080/hook',
    'http://2130706433/',
    'http://0x7f.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://169.254.169.254/latest/meta-data/',
    'https://10.1.2.3/',
    'https://[fd00::1]/',
    'http://0.0.0.0/',
  ])('refuses the literal %s at configuration', (raw) => {
    expect(targets().literalRefusal(new URL(raw))).not.toBeNull();
  });

  it('accepts names and public literals at configuration, and allow-listed literals', () => {
    expect(targets().literalRefusal(new URL('https://localhost/'))).toBeNull();
    expect(targets().literalRefusal(new URL('https://chat.example/hook'))).toBeNull();
    expect(targets().literalRefusal(new URL('https://93.184.215.14/hook'))).toBeNull();
    expect(targets('127.0.0.1').literalRefusal(new URL('http://127.0.0.1:9999/'))).toBeNull();
    expect(targets('127.0.0.1').literalRefusal(new URL('http://2130706433:9999/'))).toBeNull();
    expect(targets('127.0.0.1').literalRefusal(new URL('http://127.0.0.2/'))).toMatch(/loopback/);
    expect(targets('::1').literalRefusal(new URL('http://[0::1]/'))).toBeNull();
  });

  it('at delivery, resolves the name and answers its addresses when all are public', async () => {
    answers.set('chat.example', [
      { address: '93.184.215.14', family: 4 },
      { address: '2606:2800:21f:cb07:6820:80da:af6b:8b2c', family: 6 },
    ]);
    await expect(targets().vet(new URL('https://chat.example/hook'), 1000)).resolves.toEqual(
      answers.get('chat.example'),
    );
    await expect(targets().vet(new URL('https://93.184.215.14/hook'), 1000)).resolves.toEqual([
      { address: '93.184.215.14', family: 4 },
    ]);
  });

  it('at delivery, refuses a name with one internal address (e.g. rebound to the metadata service)', async () => {
    answers.set('chat.example', [
      { address: '93.184.215.14', family: 4 },
      { address: '169.254.169.254', family: 4 },
    ]);
    answers.set('localhost', [{ address: '127.0.0.1', family: 4 }]);
    await expect(targets().vet(new URL('https://chat.example/hook'), 1000)).rejects.toThrow(
      WebhookRefused,
    );
    await expect(targets().vet(new URL('https://chat.example/hook'), 1000)).rejects.toThrow(
      /169\.254\.169\.254, link-local/,
    );
    await expect(targets('127.0.0.1').vet(new URL('http://localhost:8080/'), 1000)).rejects.toThrow(
      /localhost resolves to 127\.0\.0\.1/,
    );
    await expect(targets().vet(new URL('http://[::ffff:10.0.0.1]/'), 1000)).rejects.toThrow(
      /IPv4-mapped form of 10\.0\.0\.1/,
    );
  });

  it('at delivery, lets allow-listed hosts through, and leaves a name that does not resolve to a retry', async () => {
    answers.set('hooks.internal', [{ address: '10.0.0.7', family: 4 }]);
    await expect(
      targets('hooks.internal').vet(new URL('https://Hooks.Internal./x'), 1000),
    ).resolves.toEqual([{ address: '10.0.0.7', family: 4 }]);
    await expect(targets('127.0.0.1').vet(new URL('http://127.0.0.1:1/'), 1000)).resolves.toEqual([
      { address: '127.0.0.1', family: 4 },
    ]);
    const missing = targets().vet(new URL('https://gone.example/'), 1000);
    await expect(missing).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(missing).rejects.not.toBeInstanceOf(WebhookRefused);
    const slow = targets().vet(new URL('https://slow.example/'), 50);
    await expect(slow).rejects.toThrow('Resolving slow.example timed out after 50 ms');
    await expect(slow).rejects.not.toBeInstanceOf(WebhookRefused);
  });
});
