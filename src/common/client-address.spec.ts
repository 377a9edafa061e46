import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import proxyaddr from '@fastify/proxy-addr';
import { clientAddress, trustedProxies, trustedProxyProblem } from './client-address.js';

/** A request as Node hands it over: the TCP peer, and whatever X-Forwarded-For the peer wrote. */
const requestFrom = (peer: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress: peer },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

const ipv4 = fc.ipV4();
const ipv6 = fc.ipV6();
const anyAddress = fc.oneof(ipv4, ipv6);

describe('the client address behind trusted proxies (rule: only our own proxies may name the client)', () => {
  it('ignores X-Forwarded-For when nobody is trusted: the client is the TCP peer', () => {
    fc.assert(
      fc.property(anyAddress, fc.array(anyAddress, { maxLength: 5 }), (peer, spoofed) => {
        expect(clientAddress(requestFrom(peer, spoofed.join(', ')), trustedProxies(undefined))).toBe(peer);
      }),
    );
  });

  it('ignores X-Forwarded-For written by a peer that is not a trusted proxy', () => {
    const trusted = trustedProxies(['10.0.0.0/8', 'fd00::/8']);
    fc.assert(
      fc.property(
        ipv4.filter((address) => !address.startsWith('10.')),
        fc.array(anyAddress, { minLength: 1, maxLength: 5 }),
        (peer, spoofed) => {
          expect(clientAddress(requestFrom(peer, spoofed.join(',')), trusted)).toBe(peer);
        },
      ),
    );
  });

  it('takes the right-most address that is not a trusted proxy, whatever the client wrote to its left', () => {
    const trusted = trustedProxies(['10.0.0.0/8']);
    const outside = ipv4.filter((address) => !address.startsWith('10.'));
    fc.assert(
      fc.property(
        fc.array(fc.oneof(anyAddress, fc.constant('garbage')), { maxLength: 4 }),
        outside,
        fc.array(
          fc.ipV4().map((address) => `10.${address.split('.').slice(1).join('.')}`),
          { maxLength: 4 },
        ),
        (spoofed, client, proxies) => {
          // The client's own header, then each proxy appends the address it heard from; the last proxy is the peer.
          const chain = [...spoofed, client, ...proxies.slice(0, -1)];
          const peer = proxies.length > 0 ? proxies[proxies.length - 1] : '10.0.0.1';
          const header = proxies.length > 0 ? chain.join(', ') : [...spoofed, client].join(', ');
          expect(clientAddress(requestFrom(peer, header), trusted)).toBe(client);
        },
      ),
    );
  });

  it('walks a chain of several trusted proxies, IPv4 and IPv6, down to the client', () => {
    const trusted = trustedProxies(['203.0.113.7', '10.1.0.0/16', '2001:db8::/32']);
    expect(clientAddress(requestFrom('203.0.113.7', '198.51.100.1, 192.0.2.44, 2001:db8::5, 10.1.2.3'), trusted)).toBe('192.0.2.44');
    expect(clientAddress(requestFrom('2001:db8::1', '2a00:1450::1'), trusted)).toBe('2a00:1450::1');
    // An IPv4 peer seen on a dual-stack socket is still the same proxy.
    expect(clientAddress(requestFrom('::ffff:203.0.113.7', '192.0.2.9'), trusted)).toBe('192.0.2.9');
    // Every hop trusted: the left-most address is the best there is.
    expect(clientAddress(requestFrom('10.1.0.1', '10.1.0.2, 10.1.0.3'), trusted)).toBe('10.1.0.2');
    expect(clientAddress(requestFrom('10.1.0.1'), trusted)).toBe('10.1.0.1');
  });

  it('agrees with Fastify’s request.ip given the same trust test', () => {
    const trusted = trustedProxies(['127.0.0.1', '10.0.0.0/8']);
    fc.assert(
      fc.property(
        fc.oneof(fc.constant('127.0.0.1'), fc.constant('10.9.9.9'), ipv4),
        fc.array(anyAddress, { maxLength: 4 }),
        (peer, header) => {
          const request = requestFrom(peer, header.join(','));
          const all = proxyaddr.all(request, trusted);
          expect(clientAddress(request, trusted)).toBe(all[all.length - 1]);
        },
      ),
    );
  });
});

describe('TRUST_PROXY entries', () => {
  it('accepts IPv4 and IPv6 addresses and CIDR ranges, and proxy-addr compiles every one it accepts', () => {
    const entries = fc.oneof(
      ipv4,
      ipv6,
      fc.tuple(ipv4, fc.integer({ min: 1, max: 32 })).map(([address, bits]) => `${address}/${bits}`),
      fc.tuple(ipv6, fc.integer({ min: 1, max: 128 })).map(([address, bits]) => `${address}/${bits}`),
    );
    fc.assert(
      fc.property(fc.array(entries, { minLength: 1, maxLength: 5 }), (list) => {
        for (const entry of list) expect(trustedProxyProblem(entry)).toBeUndefined();
        expect(() => trustedProxies(list)).not.toThrow();
      }),
    );
  });

  it('refuses "true", ranges covering everything, bad prefixes and anything that is not an address, naming it', () => {
    expect(trustedProxyProblem('true')).toMatch(/TRUST_PROXY=true would believe any client.*list your reverse proxies/);
    expect(trustedProxyProblem('0.0.0.0/0')).toMatch(/covers every address/);
    expect(trustedProxyProblem('::/0')).toMatch(/covers every address/);
    expect(trustedProxyProblem('10.0.0.0/33')).toBe('TRUST_PROXY: "10.0.0.0/33" has no valid prefix length (0 to 32)');
    expect(trustedProxyProblem('10.0.0.0/255.0.0.0')).toMatch(/no valid prefix length/);
    expect(trustedProxyProblem('proxy.internal')).toBe('TRUST_PROXY: "proxy.internal" is not an IP address or CIDR range');
    expect(trustedProxyProblem('10.0.0.1/8/8')).toMatch(/not an IP address/);
  });

  it('refuses every string that is not an address or a range (fuzzed)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const problem = trustedProxyProblem(text);
        // Whatever is accepted compiles; whatever proxy-addr would refuse is refused here first.
        let compiles = true;
        try {
          proxyaddr.compile([text]);
        } catch {
          compiles = false;
        }
        if (problem === undefined) expect(compiles).toBe(true);
      }),
    );
  });
});
