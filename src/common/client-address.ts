import { isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';
import proxyaddr from '@fastify/proxy-addr';

/** Whether the hop at `address` (0 = the TCP peer) is one of our own reverse proxies. */
export type TrustedProxies = (address: string, hop: number) => boolean;

/** Trusts nobody: the client is the TCP peer, whatever X-Forwarded-For says. */
const trustNobody: TrustedProxies = () => false;

/**
 * Why a TRUST_PROXY entry is refused, or undefined when it is an IPv4 or IPv6 address or a CIDR range of one.
 * A range as wide as the whole address space (/0) or a bare "true" would believe any client's X-Forwarded-For.
 */
export function trustedProxyProblem(entry: string): string | undefined {
  if (/^(true|yes|on|1|\*)$/i.test(entry)) {
    return 'TRUST_PROXY=true would believe any client’s X-Forwarded-For: list your reverse proxies’ addresses or CIDR ranges instead (e.g. TRUST_PROXY=10.0.0.5,10.1.0.0/16)';
  }
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return `TRUST_PROXY: "${entry}" is not an IP address or CIDR range`;
  if (prefix === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > bits) return `TRUST_PROXY: "${entry}" has no valid prefix length (0 to ${bits})`;
  if (Number(prefix) === 0)
    return `TRUST_PROXY: "${entry}" covers every address, which would believe any client’s X-Forwarded-For: list your reverse proxies`;
  return undefined;
}

/** The trust test for a list already validated by trustedProxyProblem; an empty or absent list trusts nobody. */
export function trustedProxies(entries: readonly string[] | undefined): TrustedProxies {
  return entries && entries.length > 0 ? proxyaddr.compile([...entries]) : trustNobody;
}

/**
 * The client's address for a request or a socket.io handshake: the TCP peer, unless that peer is one of our
 * trusted proxies, in which case X-Forwarded-For is read from the right, past every trusted proxy, to the
 * first address that is not one (anything further left was written by the client and proves nothing).
 * Fastify is given the same trust test, so HTTP's `request.ip` and the sockets agree.
 */
export function clientAddress(request: IncomingMessage, trusted: TrustedProxies): string {
  // A socket already closed has no peer address: such a request is answered by nobody, so any fixed key will do.
  return proxyaddr(request, trusted) ?? 'unknown';
}
