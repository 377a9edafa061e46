import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { DomainError } from '../../common/errors/domain-error.js';

/**
 * Server-side request forgery rules for webhook URLs. A council's webhook must not be a way to reach the
 * machine itself, the internal network or cloud metadata: loopback, private, link-local, CGNAT, reserved,
 * IPv4-mapped and IPv4-compatible IPv6 addresses, and the IPv6 prefixes that carry an IPv4 address to a
 * translator or tunnel (NAT64, 6to4, Teredo) are refused, when the URL is saved and again when each delivery connects (to
 * the very address that was checked, so a DNS answer cannot change in between). An explicit allowlist admits
 * on-premises back-office systems (and the tests' local receivers).
 */
// Separate lists: Node's BlockList matches IPv4 addresses against IPv4-mapped IPv6 rules too.
const BLOCKED_V4 = new BlockList();
const BLOCKED_V6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  BLOCKED_V4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and IPv4-compatible (::a.b.c.d, deprecated: reaches the IPv4 address)
  ['::ffff:0:0', 96], // IPv4-mapped
  ['64:ff9b::', 96], // NAT64, well-known prefix
  ['64:ff9b:1::', 48], // NAT64, local-use prefix (RFC 8215): a translator into the internal IPv4 network
  ['100::', 64],
  ['2001::', 32], // Teredo: tunnels to an IPv4 address carried in the IPv6 one
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: 2002:AABB:CCDD::/48 reaches the IPv4 address AA.BB.CC.DD through a relay
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED_V6.addSubnet(network, prefix, 'ipv6');
}

export interface TargetPolicy {
  requireHttps: boolean;
  /** Host names, addresses or CIDR ranges (`10.1.0.0/16`) that may be reached despite the rules. */
  allowlist: readonly string[];
}

export class BlockedTargetError extends DomainError {
  constructor(reason: string) {
    super(400, 'WEBHOOK_TARGET_REFUSED', `delivery.url: ${reason}`);
  }
}

function allowlisted(policy: TargetPolicy, hostname: string, address?: string): boolean {
  const list = new BlockList();
  const names = new Set<string>();
  for (const entry of policy.allowlist) {
    const [network, prefix] = entry.split('/');
    const family = isIP(network);
    if (family === 0) names.add(entry.toLowerCase());
    else if (prefix === undefined) list.addAddress(network, family === 4 ? 'ipv4' : 'ipv6');
    else list.addSubnet(network, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
  }
  if (names.has(hostname.toLowerCase())) return true;
  if (!address) return false;
  return list.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
}

/** Whether an address may be connected to (before any allowlist). */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !BLOCKED_V4.check(address, 'ipv4') : !BLOCKED_V6.check(address, 'ipv6');
}

function parse(text: string, policy: TargetPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new BlockedTargetError('not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && !policy.requireHttps)) {
    throw new BlockedTargetError(policy.requireHttps ? 'must use https' : 'must use http or https');
  }
  if (url.username || url.password) throw new BlockedTargetError('must not carry credentials');
  return url;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/**
 * Checks a URL when it is saved: the scheme, and every address its host resolves to now. A host that does
 * not resolve yet is accepted; the check at delivery decides.
 */
export async function checkWebhookUrl(text: string, policy: TargetPolicy): Promise<void> {
  const url = parse(text, policy);
  const host = hostOf(url);
  if (allowlisted(policy, host)) return;
  if (host === 'localhost' || host.endsWith('.localhost')) throw new BlockedTargetError('points at this machine');
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  for (const address of addresses) {
    if (!isPublicAddress(address) && !allowlisted(policy, host, address)) {
      throw new BlockedTargetError('points at a loopback, private, link-local or reserved address');
    }
  }
}

/** Resolves the host for a delivery and returns the one checked address to connect to. */
export async function resolveDeliveryTarget(text: string, policy: TargetPolicy): Promise<{ url: URL; address: string; family: 4 | 6 }> {
  const url = parse(text, policy);
  const host = hostOf(url);
  const addresses = isIP(host) ? [host] : await resolveAll(host);
  if (addresses.length === 0) throw new BlockedTargetError('host does not resolve');
  const address = addresses.find((candidate) => isPublicAddress(candidate) || allowlisted(policy, host, candidate));
  if (!address || ((host === 'localhost' || host.endsWith('.localhost')) && !allowlisted(policy, host, address))) {
    throw new BlockedTargetError('points at a loopback, private, link-local or reserved address');
  }
  return { url, address, family: isIP(address) === 6 ? 6 : 4 };
}

async function resolveAll(host: string): Promise<string[]> {
  try {
    return (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
  } catch {
    return [];
  }
}
