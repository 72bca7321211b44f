import { Inject, Injectable } from '@nestjs/common';
import { LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { isIPv6 } from 'node:net';
import { APP_CONFIG, AppConfig } from '@app/platform';
import { forbiddenAddressReason, ipLiteral, normalisedHost } from './address-policy';

/** A webhook that must not be delivered, whatever the number of tries: the reason says why. */
export class WebhookRefused extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'WebhookRefused';
  }
}

/**
 * Why a host whose addresses are these may not receive webhooks, or null. A host on the
 * allow-list (WEBHOOK_ALLOWED_PRIVATE_HOSTS, matched on the host as written in the URL) may
 * reach anything; any other must have only public addresses: one internal address among several
 * is enough to refuse.
 */
export function targetRefusal(
  host: string,
  addresses: readonly string[],
  allowed: ReadonlySet<string>,
): string | null {
  if (allowed.has(host)) return null;
  if (addresses.length === 0) return `${host} resolves to no address`;
  for (const address of addresses) {
    const reason = forbiddenAddressReason(address);
    if (reason !== null)
      return address === host
        ? `${address} is ${reason}`
        : `${host} resolves to ${address}, ${reason}`;
  }
  return null;
}

/** Every address of a name (the system resolver, as a connection would use), within `timeoutMs`. */
async function resolve(host: string, timeoutMs: number): Promise<LookupAddress[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`Resolving ${host} timed out after ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([lookup(host, { all: true, verbatim: true }), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Guards the chat and ticketing URLs against server-side request forgery. At configuration an IP
 * literal is judged at once (a name is accepted: what it resolves to may change); at delivery
 * the name is resolved and judged, and the delivery connects only to the addresses judged here,
 * so a DNS answer that changes in between (rebinding) cannot send it anywhere else.
 */
@Injectable()
export class WebhookTargets {
  private readonly allowed: ReadonlySet<string>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.allowed = new Set(config.webhookAllowedPrivateHosts);
  }

  /** At configuration: why the URL's host, when an IP literal, is refused; null otherwise. */
  literalRefusal(url: URL): string | null {
    const host = normalisedHost(url);
    const literal = ipLiteral(host);
    return literal === null ? null : targetRefusal(host, [literal], this.allowed);
  }

  /**
   * At delivery: the addresses to connect to, every one of them allowed. Throws WebhookRefused
   * for a refused target, or an error to retry later when the name does not resolve (in time).
   */
  async vet(url: URL, timeoutMs: number): Promise<LookupAddress[]> {
    const host = normalisedHost(url);
    const literal = ipLiteral(host);
    const addresses =
      literal !== null
        ? [{ address: literal, family: isIPv6(literal) ? 6 : 4 }]
        : await resolve(host, timeoutMs);
    const refusal = targetRefusal(
      host,
      addresses.map((entry) => entry.address),
      this.allowed,
    );
    if (refusal !== null) throw new WebhookRefused(refusal);
    return addresses;
  }
}
