import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { checkWebhookUrl, isPublicAddress, resolveDeliveryTarget } from './webhook-target.js';

const strict = { requireHttps: true, allowlist: [] };
const lenient = { requireHttps: false, allowlist: [] };

describe('webhook target rules (SSRF)', () => {
  it.each([
    'http://127.0.0.1/hook',
    'http://10.1.2.3/hook',
    'http://172.20.0.1/hook',
    'http://192.168.1.10/hook',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/hook',
    'http://0.0.0.0/hook',
    'http://[::1]/hook',
    'http://[::ffff:127.0.0.1]/hook',
    'http://[::ffff:a9fe:a9fe]/hook',
    'http://[fe80::1]/hook',
    'http://[fd00::1]/hook',
    'http://localhost:3000/hook',
  ])('refuses %s when saved', async (url) => {
    await expect(checkWebhookUrl(url, lenient)).rejects.toMatchObject({ status: 400, code: 'WEBHOOK_TARGET_REFUSED' });
  });

  it('refuses plain http in production, credentials in the URL, and things that are not URLs', async () => {
    await expect(checkWebhookUrl('http://93.184.216.34/hook', strict)).rejects.toThrow(/https/);
    await expect(checkWebhookUrl('https://user:pass@93.184.216.34/hook', strict)).rejects.toThrow(/credentials/);
    await expect(checkWebhookUrl('ftp://93.184.216.34/', lenient)).rejects.toThrow(/http/);
    await expect(checkWebhookUrl('not a url', lenient)).rejects.toThrow(/not a URL/);
  });

  it('accepts public addresses, and what the allowlist names', async () => {
    await expect(checkWebhookUrl('https://93.184.216.34/hook', strict)).resolves.toBeUndefined();
    await expect(checkWebhookUrl('http://127.0.0.1:4000/hook', { requireHttps: false, allowlist: ['127.0.0.1'] })).resolves.toBeUndefined();
    await expect(checkWebhookUrl('http://10.20.30.40/hook', { requireHttps: false, allowlist: ['10.20.0.0/16'] })).resolves.toBeUndefined();
    await expect(checkWebhookUrl('http://10.21.30.40/hook', { requireHttps: false, allowlist: ['10.20.0.0/16'] })).rejects.toThrow();
  });

  it('connects only to the address it checked', async () => {
    await expect(resolveDeliveryTarget('http://localhost:4000/hook', lenient)).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
    const target = await resolveDeliveryTarget('http://127.0.0.1:4000/hook', { requireHttps: false, allowlist: ['127.0.0.1'] });
    expect(target).toMatchObject({ address: '127.0.0.1', family: 4 });
  });

  it('classifies every private IPv4 address as not public', () => {
    const octet = fc.integer({ min: 0, max: 255 });
    fc.assert(
      fc.property(octet, octet, octet, (b, c, d) => {
        expect(isPublicAddress(`10.${b}.${c}.${d}`)).toBe(false);
        expect(isPublicAddress(`127.${b}.${c}.${d}`)).toBe(false);
        expect(isPublicAddress(`192.168.${c}.${d}`)).toBe(false);
        expect(isPublicAddress(`169.254.${c}.${d}`)).toBe(false);
        expect(isPublicAddress(`::ffff:${b}.${b}.${c}.${d}`)).toBe(false);
      }),
    );
  });

  /** The IPv6 address of a 128-bit number, written out in full. */
  const ipv6 = (value: bigint) => value.toString(16).padStart(32, '0').match(/.{4}/g)!.join(':');
  const parseIpv6 = (address: string) => {
    const [head, tail = ''] = address.split('::');
    const groups = (text: string) => (text ? text.split(':') : []);
    const missing = 8 - groups(head).length - groups(tail).length;
    const all = address.includes('::') ? [...groups(head), ...Array(missing).fill('0'), ...groups(tail)] : groups(head);
    return all.reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
  };
  const TRANSLATED_RANGES: [string, number, string][] = [
    ['64:ff9b:1::', 48, 'local-use NAT64'],
    ['2002::', 16, '6to4'],
    ['2001::', 32, 'Teredo'],
    ['::', 96, 'IPv4-compatible'],
  ];

  it.each(TRANSLATED_RANGES)('refuses every address of %s/%d (%s), first and last included', (network, prefix) => {
    const first = parseIpv6(network);
    const last = first + (1n << BigInt(128 - prefix)) - 1n;
    expect(isPublicAddress(ipv6(first))).toBe(false);
    expect(isPublicAddress(ipv6(last))).toBe(false);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: (1n << BigInt(128 - prefix)) - 1n }), (offset) => {
        expect(isPublicAddress(ipv6(first + offset))).toBe(false);
      }),
    );
  });

  it('keeps the public neighbours of those ranges, and public IPv6 addresses, reachable', () => {
    for (const address of [
      '2003::', // just above 6to4
      '2001:1::1', // just above Teredo (an IANA globally reachable anycast address)
      '2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff', // just below Teredo
      '2001:4860:4860::8888',
      '2606:4700:4700::1111',
      '2a00:1450:4009:81f::200e',
    ]) {
      expect([address, isPublicAddress(address)]).toEqual([address, true]);
    }
  });

  it.each([
    'http://[64:ff9b:1::a9fe:a9fe]/latest/meta-data/',
    'http://[64:ff9b:1:ffff:ffff:ffff:ffff:ffff]/hook',
    'http://[2002:7f00:1::]/hook',
    'http://[2002:a9fe:a9fe::1]/latest/meta-data/',
    'http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook',
    'http://[2001::]/hook',
    'http://[::127.0.0.1]/hook',
    'http://[::10.0.0.5]/hook',
    'http://[::8.8.8.8]/hook',
  ])('refuses %s when saved and at delivery', async (url) => {
    await expect(checkWebhookUrl(url, lenient)).rejects.toMatchObject({ status: 400, code: 'WEBHOOK_TARGET_REFUSED' });
    await expect(resolveDeliveryTarget(url, lenient)).rejects.toMatchObject({ code: 'WEBHOOK_TARGET_REFUSED' });
  });

  it('accepts a public IPv6 address', async () => {
    await expect(checkWebhookUrl('https://[2606:4700:4700::1111]/hook', strict)).resolves.toBeUndefined();
    await expect(resolveDeliveryTarget('https://[2606:4700:4700::1111]/hook', strict)).resolves.toMatchObject({
      address: '2606:4700:4700::1111',
      family: 6,
    });
  });
});
