import { Inject, Injectable } from '@nestjs/common';
import { WebhookRefused, WebhookTargets } from '@app/incidents';
import { NotifyError } from '@app/notify';
import { APP_CONFIG, AppConfig, SealedSecrets } from '@app/platform';

/** How long configuration waits for the host's name to resolve before judging it at delivery only. */
const RESOLVE_AT_CONFIGURATION_MS = 3_000;

/**
 * A channel's incoming-webhook URL: it is the credential to post to the channel, so it is kept
 * sealed (AES-256-GCM under a key derived from SESSION_SECRET, bound to the channel id) and
 * shown back only as a hint. Only HTTPS to a public host is accepted: any host that passes the
 * incident webhooks' address policy (not only hooks.slack.com or *.webhook.office.com: Teams
 * workflows and Slack's regional hosts differ, and the policy is what keeps internal services
 * out). The policy is applied again at every delivery, to the addresses then connected to.
 */
@Injectable()
export class ChannelUrls {
  private readonly sealed: SealedSecrets;

  constructor(
    private readonly targets: WebhookTargets,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sealed = new SealedSecrets(config.sessionSecret, 'notification-channel-url');
  }

  /** The URL, parsed, when it may be a channel's; otherwise CHANNEL_URL_REFUSED naming `url`. */
  async accepted(value: unknown): Promise<URL> {
    let url: URL;
    try {
      url = new URL(String(value ?? ''));
    } catch {
      throw refused('must be an https:// URL');
    }
    if (url.protocol !== 'https:') throw refused('must be an https:// URL (not http)');
    if (url.username || url.password) throw refused('must not carry a user name or password');
    const literal = this.targets.literalRefusal(url);
    if (literal !== null) throw refused(`must point at a public host: ${literal}`);
    try {
      await this.targets.vet(url, RESOLVE_AT_CONFIGURATION_MS);
    } catch (error: unknown) {
      if (error instanceof WebhookRefused)
        throw refused(`must point at a public host: ${error.reason}`);
      // A name that does not resolve now is judged again at delivery.
    }
    return url;
  }

  seal(channelId: string, url: URL): string {
    return this.sealed.seal(channelId, url.toString());
  }

  /** The URL a sealed value holds; throws SecretCipherError when it no longer opens. */
  async open(channelId: string, stored: string): Promise<URL> {
    return new URL(
      await this.sealed.open(channelId, stored, () => {
        throw new Error('A channel URL is never stored unsealed');
      }),
    );
  }
}

/** Enough of a URL to recognise it (its host and last four characters), not to use it. */
export function urlHint(url: URL): string {
  const whole = url.toString();
  return `${url.host}/…${whole.slice(-4)}`;
}

function refused(reason: string): NotifyError {
  return new NotifyError('CHANNEL_URL_REFUSED', `url ${reason}`, { field: 'url', reason });
}
