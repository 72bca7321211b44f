import { createSocket } from 'node:dgram';
import { AddressInfo } from 'node:net';
import * as dnsPacket from 'dns-packet';

export interface DnsServer {
  /** 127.0.0.1:<port>, for DNS_RESOLVER. */
  address: string;
  /** TXT answers by lower-case name; names not here answer NXDOMAIN. */
  txt: Map<string, string[]>;
  stop(): Promise<void>;
}

/** A tiny authoritative UDP DNS responder on loopback that answers TXT questions from a map. */
export async function startDnsServer(): Promise<DnsServer> {
  const txt = new Map<string, string[]>();
  const socket = createSocket('udp4');
  socket.on('message', (message, remote) => {
    let query: dnsPacket.Packet;
    try {
      query = dnsPacket.decode(message);
    } catch {
      return;
    }
    const question = query.questions?.[0];
    const values = question ? txt.get(question.name.toLowerCase()) : undefined;
    const response = dnsPacket.encode({
      id: query.id,
      type: 'response',
      // Authoritative answer; RCODE 3 (NXDOMAIN) when the name is unknown.
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (values ? 0 : 3),
      questions: query.questions,
      answers:
        question && values && question.type === 'TXT'
          ? values.map((value) => ({
              type: 'TXT' as const,
              name: question.name,
              ttl: 60,
              class: 'IN' as const,
              data: value,
            }))
          : [],
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    txt,
    stop: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
