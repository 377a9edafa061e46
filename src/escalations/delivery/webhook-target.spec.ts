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
});
