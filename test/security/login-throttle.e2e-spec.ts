import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { derivedKey } from '../../src/common/key-ring.js';
import { DEMO_PASSWORD, TEST_SECRET_KEY } from '../support/constants.js';
import { auth } from '../support/factories.js';
import { provisionOrganisation } from '../support/provision.js';
import { suffix } from '../support/security.js';
import { login, startTestApp, testDatabase, withClient, type TestApp } from '../support/test-app.js';

/** The row the service keeps for an address as typed (the tests hold the service's secret; the address itself is never stored). */
const throttleKey = (email: string) =>
  createHmac('sha256', derivedKey(TEST_SECRET_KEY, 'loginThrottle')).update(email.toLowerCase()).digest();

/** Ends the refusal in force for an address now, as if its time had passed (the count is kept). */
const endRefusal = (email: string) =>
  withClient(testDatabase().ownerUrl, (client) =>
    client.query(`update login_throttle set blocked_until = now() - interval '1 second' where email_key = $1`, [throttleKey(email)]),
  );
const throttleRows = async (email: string) =>
  (
    await withClient(testDatabase().ownerUrl, (client) =>
      client.query(`select failures from login_throttle where email_key = $1`, [throttleKey(email)]),
    )
  ).rows as { failures: number }[];

/** A body as the client sees it, less what differs on every answer. */
const comparable = (response: request.Response) => {
  const { correlationId: _correlationId, ...body } = response.body as Record<string, unknown>;
  const {
    date: _date,
    'x-correlation-id': _id,
    'x-ratelimit-reset': _reset,
    'retry-after': retryAfter,
    ...headers
  } = response.headers as Record<string, string>;
  return {
    status: response.status,
    text: JSON.stringify(body),
    headers,
    retryAfter: retryAfter === undefined ? undefined : Number(retryAfter) > 0,
  };
};

/**
 * Guessing a password is limited per account as well as per client address: a changing client address (here
 * a different X-Forwarded-For on every attempt, through an instance that trusts the proxy in front of it)
 * does not escape the count, which is kept in PostgreSQL for every instance. Unknown addresses are counted and
 * answered exactly as known ones, so the limit reveals nothing about which accounts exist.
 */
describe('failed sign-ins per account, whatever the client address', () => {
  let behindProxy: TestApp; // TRUST_PROXY=127.0.0.1: the test client stands in for the proxy
  let direct: TestApp; // TRUST_PROXY unset: X-Forwarded-For means nothing
  let slug: string;
  let forwarded = 0;
  /** A client address nobody has used yet in this run. */
  const nextAddress = () => {
    forwarded += 1;
    return `198.51.${Math.floor(forwarded / 250)}.${(forwarded % 250) + 1}`;
  };
  const attempt = (app: TestApp, email: string, password: string, from = nextAddress()) =>
    request(app.url).post('/api/auth/login').set('x-forwarded-for', from).send({ email, password });

  beforeAll(async () => {
    slug = `throttle-${suffix()}`;
    [behindProxy, direct] = await Promise.all([
      startTestApp({ TRUST_PROXY: '127.0.0.1', LOGIN_RATE_LIMIT_PER_MINUTE: '3' }),
      startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' }),
      provisionOrganisation(slug),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([behindProxy?.stop(), direct?.stop()]);
  });

  it('refuses an account after 10 failures from 10 different addresses, the right password too, with the same answers for an unknown address; audited; others unaffected', async () => {
    const known = `advisor@${slug}.test`;
    const unknown = `nobody-${suffix()}@${slug}.test`;
    for (let failure = 1; failure <= 10; failure += 1) {
      const [mine, nobodys] = [
        await attempt(behindProxy, known, 'not-the-password'),
        await attempt(behindProxy, unknown, 'not-the-password'),
      ];
      expect({ failure, status: mine.status }).toEqual({ failure, status: 401 });
      expect(comparable(nobodys)).toEqual(comparable(mine));
    }
    const [refused, refusedUnknown] = [
      await attempt(behindProxy, known, 'not-the-password'),
      await attempt(behindProxy, unknown, 'not-the-password'),
    ];
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(28);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(30);
    expect(comparable(refusedUnknown)).toEqual(comparable(refused));
    expect(Math.abs(Number(refusedUnknown.headers['retry-after']) - Number(refused.headers['retry-after']))).toBeLessThanOrEqual(1);

    // The right password is not even checked while the refusal lasts; another account of the organisation signs in.
    const rightPassword = await attempt(behindProxy, known, DEMO_PASSWORD);
    expect(comparable(rightPassword)).toEqual(comparable(refused));
    await attempt(behindProxy, `supervisor@${slug}.test`, DEMO_PASSWORD).expect(200);
    // Another instance shares the count (the database holds it).
    expect((await attempt(direct, known, DEMO_PASSWORD)).body.code).toBe('TOO_MANY_ATTEMPTS');

    const admin = await login(behindProxy, `admin@${slug}.test`);
    const advisorId = (await request(behindProxy.url).get('/api/users').set(auth(admin)).expect(200)).body.find(
      (user: { email: string }) => user.email === known,
    ).id as string;
    const audit = async () =>
      (
        (await request(behindProxy.url).get(`/api/audit?entity=staff_user&id=${advisorId}&pageSize=100`).set(auth(admin)).expect(200)).body
          .items as { action: string; details: unknown }[]
      ).filter((entry) => entry.action === 'login.throttled');
    expect((await audit()).map((entry) => entry.details)).toEqual([{ failures: 10, blockSeconds: 30 }]);

    // Once the refusal is over, each further failure refuses for twice as long; a good sign-in clears the count.
    await endRefusal(known);
    await attempt(behindProxy, known, 'not-the-password').expect(401);
    const longer = await attempt(behindProxy, known, DEMO_PASSWORD).expect(429);
    expect(Number(longer.headers['retry-after'])).toBeGreaterThanOrEqual(58);
    expect((await audit()).map((entry) => entry.details)).toEqual(expect.arrayContaining([{ failures: 11, blockSeconds: 60 }]));
    await endRefusal(known);
    await attempt(behindProxy, known, DEMO_PASSWORD).expect(200);
    expect(await throttleRows(known)).toEqual([]);
    await attempt(behindProxy, known, 'not-the-password').expect(401);
    expect(await throttleRows(known)).toEqual([{ failures: 1 }]);
  }, 60_000);

  it('keys the per-address limit on the TCP peer when no proxy is trusted: a forged X-Forwarded-For changes nothing', async () => {
    const answers: request.Response[] = [];
    for (let i = 0; i < 5; i += 1)
      answers.push(await attempt(direct, `nobody-${suffix()}@${slug}.test`, 'not-the-password', nextAddress()));
    // One count for all five, whatever each claimed to come from: each attempt uses one more up, then 429.
    const allowed = answers.filter((answer) => answer.status === 401).map((answer) => Number(answer.headers['x-ratelimit-remaining']));
    expect(allowed.length).toBeLessThanOrEqual(3);
    expect(allowed).toEqual(allowed.map((_, index) => allowed.length - 1 - index));
    expect(answers.slice(allowed.length).map((answer) => answer.body.code)).toEqual(Array(5 - allowed.length).fill('TOO_MANY_REQUESTS'));
  });

  it('keys the per-address limit on the client named by a trusted proxy: clients behind it are limited one by one', async () => {
    const many: number[] = [];
    for (let i = 0; i < 4; i += 1)
      many.push((await attempt(behindProxy, `nobody-${suffix()}@${slug}.test`, 'not-the-password', nextAddress())).status);
    expect(many).toEqual([401, 401, 401, 401]);
    const one = nextAddress();
    const same: number[] = [];
    // The client writes its own X-Forwarded-For too: only what the proxy appended (the right-most address) counts.
    for (let i = 0; i < 4; i += 1)
      same.push((await attempt(behindProxy, `nobody-${suffix()}@${slug}.test`, 'not-the-password', `${nextAddress()}, ${one}`)).status);
    expect(same).toEqual([401, 401, 401, 429]);
  });

  it('refuses to start with TRUST_PROXY=true, and names a bad entry', async () => {
    await expect(startTestApp({ TRUST_PROXY: 'true' })).rejects.toThrow(
      /TRUST_PROXY=true would believe any client’s X-Forwarded-For: list your reverse proxies’ addresses or CIDR ranges/,
    );
    await expect(startTestApp({ TRUST_PROXY: '10.0.0.1,lb.internal' })).rejects.toThrow(
      /TRUST_PROXY: "lb.internal" is not an IP address or CIDR range/,
    );
  });
});
