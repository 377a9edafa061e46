import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import { TEST_JWT_SECRET } from './support/constants.js';
import { auth } from './support/factories.js';
import { asOwner, provisionOrganisation } from './support/provision.js';
import { socketClients } from './support/socket-clients.js';
import { asTenant, login, startTestApp, testDatabase, type TestApp } from './support/test-app.js';

/** A token's claims (the test reads them; the service never trusts a client's reading). */
const claimsOf = (token: string) =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, number | string>;

/** A token the service would have issued, with claims changed (the tests hold the service's signing secret). */
const reissued = (token: string, changes: Record<string, number | string>) => {
  const { iss: _issuer, ...claims } = claimsOf(token);
  return new JwtService().signAsync({ ...claims, ...changes }, { secret: TEST_JWT_SECRET, algorithm: 'HS256', issuer: 'signpost' });
};

describe('staff login and access tokens', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('logs a demo advisor in with the contract shape', async () => {
    const response = await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'advisor@lancashire.demo', password: 'signpost-demo' })
      .expect(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {
        id: expect.any(String),
        email: 'advisor@lancashire.demo',
        displayName: 'Demo Advisor',
        role: 'advisor',
        organisation: 'lancashire',
      },
    });
  });

  it('names the service of a service user', async () => {
    const response = await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'blue-badge@lancashire.demo', password: 'signpost-demo' })
      .expect(200);
    expect(response.body.user).toMatchObject({ role: 'service', organisation: 'lancashire', service: 'blue-badge' });
  });

  it('answers a wrong password and an unknown e-mail with the same 401', async () => {
    const wrongPassword = await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'advisor@lancashire.demo', password: 'not-the-password' })
      .expect(401);
    const unknownEmail = await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'nobody@lancashire.demo', password: 'not-the-password' })
      .expect(401);
    const strip = ({ correlationId: _ignored, ...rest }: Record<string, unknown>) => rest;
    expect(strip(wrongPassword.body)).toEqual(strip(unknownEmail.body));
    expect(wrongPassword.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'INVALID_CREDENTIALS' });
  });

  it('refuses a request without, or with a forged, token', async () => {
    await request(app.url).get('/api/services').expect(401);
    const token = await login(app, 'advisor@lancashire.demo');
    const [header, payload] = token.split('.');
    await request(app.url).get('/api/services').set('authorization', `Bearer ${header}.${payload}.forged`).expect(401);
    await request(app.url).get('/api/services').set(auth(token)).expect(200);
  });

  it('refuses a route to a role it does not name (403)', async () => {
    const token = await login(app, 'advisor@lancashire.demo');
    const response = await request(app.url).patch('/api/services/highways').set(auth(token)).send({ active: true }).expect(403);
    expect(response.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    const serviceUser = await login(app, 'highways@lancashire.demo');
    await request(app.url).get('/api/users').set(auth(serviceUser)).expect(403);
  });

  it('rejects unknown body fields, naming each', async () => {
    const response = await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'advisor@lancashire.demo', password: 'x', organisationId: 'x', role: 'admin' })
      .expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.message).toContain('organisationId');
    expect(response.body.message).toContain('role');
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'organisationId' }), expect.objectContaining({ field: 'role' })]),
    );
  });

  it('refuses __proto__ in a body by name', async () => {
    const response = await request(app.url)
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"email":"advisor@lancashire.demo","password":"x","__proto__":{"admin":true}}')
      .expect(400);
    expect(response.body.message).toContain('__proto__');
  });

  it('ends every session when an administrator disables the account, and lets it back in when re-enabled', async () => {
    const admin = await login(app, 'admin@northamptonshire.demo');
    const created = await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({
        email: 'temp.advisor@northamptonshire.demo',
        displayName: 'Temporary Advisor',
        role: 'advisor',
        password: 'a-long-enough-password',
      })
      .expect(201);
    const token = await login(app, 'temp.advisor@northamptonshire.demo', 'a-long-enough-password');
    await request(app.url).get('/api/services').set(auth(token)).expect(200);

    await request(app.url).patch(`/api/users/${created.body.id}`).set(auth(admin)).send({ disabled: true }).expect(200);
    await request(app.url).get('/api/services').set(auth(token)).expect(401);
    await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'temp.advisor@northamptonshire.demo', password: 'a-long-enough-password' })
      .expect(401);

    await request(app.url).patch(`/api/users/${created.body.id}`).set(auth(admin)).send({ disabled: false }).expect(200);
    await request(app.url).get('/api/services').set(auth(token)).expect(401); // old token stays dead
    await login(app, 'temp.advisor@northamptonshire.demo', 'a-long-enough-password');
  });

  it('ends every session when the password changes', async () => {
    const admin = await login(app, 'admin@milton-keynes.demo');
    await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({ email: 'rotating@milton-keynes.demo', displayName: 'Rotating Advisor', role: 'advisor', password: 'first-password-123' })
      .expect(201);
    const token = await login(app, 'rotating@milton-keynes.demo', 'first-password-123');
    await request(app.url)
      .post('/api/auth/password')
      .set(auth(token))
      .send({ currentPassword: 'first-password-123', newPassword: 'second-password-456' })
      .expect(204);
    await request(app.url).get('/api/services').set(auth(token)).expect(401);
    await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'rotating@milton-keynes.demo', password: 'first-password-123' })
      .expect(401);
    await login(app, 'rotating@milton-keynes.demo', 'second-password-456');
  });

  it('renews a token from the same sign-in until the session has lasted 12 hours, and never for a disabled account', async () => {
    const token = await login(app, 'advisor@lancashire.demo');
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // a renewal in a later second than the sign-in
    const renewed = await request(app.url).post('/api/auth/refresh').set(auth(token)).expect(200);
    expect(renewed.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: {
        id: expect.any(String),
        email: 'advisor@lancashire.demo',
        displayName: 'Demo Advisor',
        role: 'advisor',
        organisation: 'lancashire',
      },
    });
    const [before, after] = [claimsOf(token), claimsOf(renewed.body.accessToken)];
    expect(after.auth_time).toBe(before.auth_time);
    expect(after.exp).toBeGreaterThan(before.exp as number);
    await request(app.url).get('/api/services').set(auth(renewed.body.accessToken)).expect(200);

    // Eleven hours in, still renewed (keeping the sign-in time); twelve hours in, the session has ended, though the token itself still stands.
    // (Each is the sign-in's current token with its sign-in time moved back: a replaced token no longer stands.)
    const elevenHours = await reissued(renewed.body.accessToken, { auth_time: Math.floor(Date.now() / 1000) - 11 * 3600 });
    const again = await request(app.url).post('/api/auth/refresh').set(auth(elevenHours)).expect(200);
    expect(claimsOf(again.body.accessToken).auth_time).toBe(claimsOf(elevenHours).auth_time);
    const twelveHours = await reissued(again.body.accessToken, { auth_time: Math.floor(Date.now() / 1000) - 12 * 3600 });
    const ended = await request(app.url).post('/api/auth/refresh').set(auth(twelveHours)).expect(401);
    expect(ended.body).toMatchObject({
      code: 'SESSION_ENDED',
      message: 'You have been signed in for 12 hours, the longest a session lasts: sign in again',
    });
    await request(app.url).get('/api/services').set(auth(twelveHours)).expect(200);

    // No token, an expired one, or a disabled account's: 401.
    await request(app.url).post('/api/auth/refresh').expect(401);
    await request(app.url)
      .post('/api/auth/refresh')
      .set('authorization', `Bearer ${await reissued(token, { exp: Math.floor(Date.now() / 1000) - 1 })}`)
      .expect(401);
    const admin = await login(app, 'admin@northamptonshire.demo');
    const created = await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({
        email: 'renewing.advisor@northamptonshire.demo',
        displayName: 'Renewing Advisor',
        role: 'advisor',
        password: 'a-long-enough-password',
      })
      .expect(201);
    const theirs = await login(app, 'renewing.advisor@northamptonshire.demo', 'a-long-enough-password');
    await request(app.url).patch(`/api/users/${created.body.id}`).set(auth(admin)).send({ disabled: true }).expect(200);
    await request(app.url).post('/api/auth/refresh').set(auth(theirs)).expect(401);
  });

  it('keeps an advisor’s live console connection past the first token’s expiry once it is handed the renewed one', async () => {
    const clients = socketClients(() => app.url);
    try {
      const token = await login(app, 'advisor@lancashire.demo');
      // A token with six seconds left, on two connections; the service re-checks open connections every five seconds.
      const shortLived = await reissued(token, { exp: Math.floor(Date.now() / 1000) + 6 });
      const [renewing, left] = await Promise.all([
        clients.connect('/console', { auth: { token: shortLived } }),
        clients.connect('/console', { auth: { token: shortLived } }),
      ]);
      const renewed = (await request(app.url).post('/api/auth/refresh').set(auth(shortLived)).expect(200)).body.accessToken as string;

      // Refused: not an object, a token that does not stand, another person's token.
      expect(await clients.emit(renewing, 'auth:renew', 'a-token')).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await clients.emit(renewing, 'auth:renew', { token: 'not.a.token' })).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await clients.emit(renewing, 'auth:renew', { token: await login(app, 'supervisor@lancashire.demo') })).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(await clients.emit(renewing, 'auth:renew', { token: renewed })).toEqual({ renewed: true });

      const leftClosed = new Promise<void>((resolve) => left.once('disconnect', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 13_000));
      await leftClosed;
      expect(left.connected).toBe(false);
      expect(renewing.connected).toBe(true);
      expect(await clients.emit(renewing, 'presence:set', { status: 'available' })).toEqual({ status: 'available' });
    } finally {
      clients.closeAll();
    }
  }, 60_000);

  it('lets an administrator set a new password for someone who forgot theirs, which ends their sessions', async () => {
    const admin = await login(app, 'admin@milton-keynes.demo');
    const created = await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({ email: 'forgetful@milton-keynes.demo', displayName: 'Forgetful Advisor', role: 'advisor', password: 'the-forgotten-one' })
      .expect(201);
    const token = await login(app, 'forgetful@milton-keynes.demo', 'the-forgotten-one');
    const short = await request(app.url)
      .patch(`/api/users/${created.body.id}`)
      .set(auth(admin))
      .send({ password: 'too-short' })
      .expect(400);
    expect(short.body.message).toContain('password');
    expect(short.body.message).not.toContain('too-short');
    await request(app.url).patch(`/api/users/${created.body.id}`).set(auth(admin)).send({ password: 'a-new-one-by-phone' }).expect(200);
    await request(app.url).get('/api/services').set(auth(token)).expect(401);
    await request(app.url)
      .post('/api/auth/login')
      .send({ email: 'forgetful@milton-keynes.demo', password: 'the-forgotten-one' })
      .expect(401);
    await login(app, 'forgetful@milton-keynes.demo', 'a-new-one-by-phone');
    // The audit says the password was set, never what to.
    const audit = await request(app.url).get(`/api/audit?entity=staff_user&id=${created.body.id}`).set(auth(admin)).expect(200);
    expect(JSON.stringify(audit.body)).toContain('"password"');
    expect(JSON.stringify(audit.body)).not.toContain('a-new-one-by-phone');
  });

  it('never leaves an organisation without an active administrator', async () => {
    const slug = `admins-${Date.now().toString(36)}`;
    await provisionOrganisation(slug);
    const admin = await login(app, `admin@${slug}.test`);
    const users = await request(app.url).get('/api/users').set(auth(admin)).expect(200);
    const self = users.body.find((user: { email: string }) => user.email === `admin@${slug}.test`);
    for (const change of [{ role: 'advisor' }, { disabled: true }]) {
      const refused = await request(app.url).patch(`/api/users/${self.id}`).set(auth(admin)).send(change).expect(409);
      expect(refused.body).toMatchObject({
        code: 'LAST_ADMIN',
        message: 'This is the organisation’s only active administrator: make someone else an administrator first',
      });
    }
    await request(app.url).get('/api/users').set(auth(admin)).expect(200); // still signed in, still an administrator

    // With a second administrator, the first may step down (which signs them out).
    await request(app.url)
      .post('/api/users')
      .set(auth(admin))
      .send({ email: `second.admin@${slug}.test`, displayName: 'Second Admin', role: 'admin', password: 'a-long-enough-password' })
      .expect(201);
    await request(app.url).patch(`/api/users/${self.id}`).set(auth(admin)).send({ role: 'advisor' }).expect(200);
    await request(app.url).get('/api/users').set(auth(admin)).expect(401);
  });

  it('keeps the password only as an argon2id hash', async () => {
    const rows = await asTenant(testDatabase().runtimeUrl, 'lancashire', async (client) => {
      const result = await client.query<{ password_hash: string }>(
        `select password_hash from staff_users where email = 'advisor@lancashire.demo'`,
      );
      return result.rows;
    });
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
  });
});

describe('signing out and renewing: sign-ins kept by the service', () => {
  let app: TestApp;
  let slug: string;
  let organisation: string;
  const clients = socketClients(() => app.url);
  const services = (token: string) => request(app.url).get('/api/services').set(auth(token));
  const refresh = (token: string) => request(app.url).post('/api/auth/refresh').set(auth(token));
  const logout = (token: string) => request(app.url).post('/api/auth/logout').set(auth(token));

  beforeAll(async () => {
    app = await startTestApp();
    slug = `sessions-${Date.now().toString(36)}`;
    organisation = await provisionOrganisation(slug);
  });
  afterEach(() => clients.closeAll());
  afterAll(async () => {
    clients.closeAll();
    await app?.stop();
  });

  it('signs out: that token and every renewal of it answer 401 at once; the person’s other sign-ins and other people carry on; audited', async () => {
    const first = await login(app, `advisor@${slug}.test`);
    const elsewhere = await login(app, `advisor@${slug}.test`); // the same person in another browser
    const colleague = await login(app, `supervisor@${slug}.test`);
    const renewed = (await refresh(first).expect(200)).body.accessToken as string;

    await logout(renewed).expect(204);
    for (const token of [renewed, first]) await services(token).expect(401);
    expect((await refresh(renewed).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await logout(renewed).expect(401);
    await services(elsewhere).expect(200);
    await services(colleague).expect(200);

    const admin = await login(app, `admin@${slug}.test`);
    const audit = await request(app.url)
      .get(`/api/audit?entity=staff_user&id=${claimsOf(renewed).sub}`)
      .set(auth(admin))
      .expect(200);
    const logouts = (audit.body.items as { action: string; details: Record<string, unknown> }[]).filter(
      (entry) => entry.action === 'logout',
    );
    expect(logouts).toEqual([expect.objectContaining({ details: { sessionId: claimsOf(renewed).sid } })]);
    expect(JSON.stringify(audit.body)).not.toContain(`advisor@${slug}.test`);
  });

  it('retires the token a renewal replaces: the old one answers 401 at once, the new one works', async () => {
    const token = await login(app, `advisor@${slug}.test`);
    const renewed = (await refresh(token).expect(200)).body.accessToken as string;
    expect(claimsOf(renewed).sid).toBe(claimsOf(token).sid);
    expect(claimsOf(renewed).jti).not.toBe(claimsOf(token).jti);
    await services(token).expect(401);
    await refresh(token).expect(401);
    await services(renewed).expect(200);
    const again = (await refresh(renewed).expect(200)).body.accessToken as string;
    await services(renewed).expect(401);
    await services(again).expect(200);
  });

  it('lets exactly one of several renewals sent at once with one token through; the others are 401', async () => {
    const token = await login(app, `advisor@${slug}.test`);
    const answers = await Promise.all(Array.from({ length: 4 }, () => refresh(token)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 401, 401, 401]);
    const winner = answers.find((answer) => answer.status === 200)?.body.accessToken as string;
    await services(winner).expect(200);
    await services(token).expect(401);
    for (const loser of answers.filter((answer) => answer.status === 401)) expect(loser.body.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token that names no sign-in (issued before sign-ins were kept), or a sign-in it does not belong to', async () => {
    const token = await login(app, `advisor@${slug}.test`);
    const { sid: _sid, jti: _jti, iss: _iss, exp: _exp, iat: _iat, ...account } = claimsOf(token);
    const sessionless = await new JwtService().signAsync(account, {
      secret: TEST_JWT_SECRET,
      algorithm: 'HS256',
      issuer: 'signpost',
      expiresIn: 600,
    });
    await services(sessionless).expect(401);
    await refresh(sessionless).expect(401);
    const theirs = await login(app, `supervisor@${slug}.test`);
    await services(await reissued(token, { sid: claimsOf(theirs).sid })).expect(401);
    await services(token).expect(200);
  });

  it('keeps only the sign-ins that still mean something: a person’s ended and lapsed ones are removed when they next sign in', async () => {
    const email = `dpo@${slug}.test`;
    const rowsOf = async () =>
      asTenant(testDatabase().runtimeUrl, slug, async (client) =>
        (
          await client.query<{ ended: boolean }>(
            `select (ended_at is not null) as ended from staff_sessions s join staff_users u on u.id = s.user_id where u.email = $1 order by ended`,
            [email],
          )
        ).rows.map((row) => row.ended),
      );
    const first = await login(app, email);
    await login(app, email);
    await logout(first).expect(204);
    expect(await rowsOf()).toEqual([false, true]);
    await login(app, email);
    expect(await rowsOf()).toEqual([false, false]);
    // A sign-in past its longest renewal and its last token's life lapses: gone at the next sign-in too.
    await asOwner(organisation, (client) =>
      client.query(
        `update staff_sessions set expires_at = now() - interval '1 second' where id = (select s.id from staff_sessions s join staff_users u on u.id = s.user_id where u.email = $1 limit 1)`,
        [email],
      ),
    );
    await login(app, email);
    expect(await rowsOf()).toEqual([false, false]);
  });

  it('closes a signed-out advisor’s console connection at the next check, and leaves their other sign-in’s connection open', async () => {
    const [leaving, staying] = [await login(app, `advisor@${slug}.test`), await login(app, `advisor@${slug}.test`)];
    const [closing, open] = await Promise.all([
      clients.connect('/console', { auth: { token: leaving } }),
      clients.connect('/console', { auth: { token: staying } }),
    ]);
    const closed = new Promise<number>((resolve) => {
      const started = Date.now();
      closing.once('disconnect', () => resolve(Date.now() - started));
    });
    await logout(leaving).expect(204);
    // The service re-checks open connections every five seconds.
    expect(await closed).toBeLessThan(7_000);
    expect(closing.connected).toBe(false);
    expect(open.connected).toBe(true);
    expect(await clients.emit(open, 'presence:set', { status: 'available' })).toEqual({ status: 'available' });
    // A signed-out token cannot open a new connection either.
    await expect(clients.connect('/console', { auth: { token: leaving } })).rejects.toThrow(/unauthorised/);
  }, 30_000);
});

describe('login rate limit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: '10' });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('allows 10 attempts a minute from one address, then answers 429', async () => {
    const statuses: number[] = [];
    const codes: string[] = [];
    // A different e-mail address each time: this is the per-address limit, not the per-account one.
    for (let attempt = 0; attempt < 11; attempt += 1) {
      const response = await request(app.url)
        .post('/api/auth/login')
        .send({ email: `nobody-${attempt}-${Date.now()}@cambridgeshire.demo`, password: 'wrong-password' });
      statuses.push(response.status);
      codes.push(response.body.code);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
    expect(codes[10]).toBe('TOO_MANY_REQUESTS');
  });
});
