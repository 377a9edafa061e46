import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { provisionOrganisation } from '../support/provision.js';
import { suffix } from '../support/security.js';
import { socketClients } from '../support/socket-clients.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Chat starts are limited per citizen, and the citizen is found as HTTP finds the client: behind a trusted proxy
 * (a load balancer every citizen shares) by the address the proxy appends to X-Forwarded-For, otherwise by the
 * TCP peer, whatever X-Forwarded-For a client writes itself. One citizen starting chats cannot stop another.
 */
describe('webchat start limits behind a proxy', () => {
  let behindProxy: TestApp; // TRUST_PROXY=127.0.0.1: the test client stands in for the load balancer
  let direct: TestApp; // TRUST_PROXY unset
  let slug: string;
  const clients = { behindProxy: socketClients(() => behindProxy.url), direct: socketClients(() => direct.url) };
  const consent = { accepted: true, privacyNoticeVersion: '1' };

  /** One chat start on a connection of its own (one chat per connection), as a citizen whose request carries `forwardedFor`. */
  const start = async (where: 'behindProxy' | 'direct', forwardedFor: string) => {
    const { connect, emit } = clients[where];
    const citizen = await connect('/webchat', { extraHeaders: { 'x-forwarded-for': forwardedFor } });
    const ack = await emit(citizen, 'chat:start', { organisation: slug, consent });
    return typeof ack.chatId === 'string' ? 'started' : ack.code;
  };

  beforeAll(async () => {
    slug = `chatlimit-${suffix()}`;
    [behindProxy, direct] = await Promise.all([
      startTestApp({ TRUST_PROXY: '127.0.0.1', CHAT_STARTS_PER_MINUTE: '2' }),
      startTestApp({ CHAT_STARTS_PER_MINUTE: '2' }),
      provisionOrganisation(slug),
    ]);
  }, 60_000);
  afterEach(() => {
    clients.behindProxy.closeAll();
    clients.direct.closeAll();
  });
  afterAll(async () => {
    await Promise.all([behindProxy?.stop(), direct?.stop()]);
  });

  it('limits two citizens behind a trusted proxy separately, and a citizen’s own X-Forwarded-For does not make them someone else', async () => {
    const first = '203.0.113.10';
    const second = '203.0.113.20';
    expect([await start('behindProxy', first), await start('behindProxy', first), await start('behindProxy', first)]).toEqual([
      'started',
      'started',
      'RATE_LIMITED',
    ]);
    // The first citizen being limited does not stop the second starting.
    expect([await start('behindProxy', second), await start('behindProxy', second)]).toEqual(['started', 'started']);
    // Writing another address to the left of what the proxy appended changes nothing: the proxy's entry counts.
    expect(await start('behindProxy', `198.51.100.77, ${first}`)).toBe('RATE_LIMITED');
  });

  it('keys on the TCP peer when no proxy is trusted: citizens claiming different addresses share the peer’s limit', async () => {
    expect([await start('direct', '203.0.113.30'), await start('direct', '203.0.113.31'), await start('direct', '203.0.113.32')]).toEqual([
      'started',
      'started',
      'RATE_LIMITED',
    ]);
  });
});
