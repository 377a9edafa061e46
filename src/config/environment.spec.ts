import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadEnvironment } from './environment.js';

describe('environment', () => {
  it('has working defaults for a fresh machine: embedded database, demo data, port 3000 on loopback', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', MIGRATIONS_RUN: true, SMTP_PORT: 2525, LOGIN_RATE_LIMIT_PER_MINUTE: 10 });
    expect(env.usesEmbeddedDatabase).toBe(true);
    expect(env.demoMode).toBe(true);
  });

  it('seeds demo data into an external database only when SIGNPOST_DEMO=1', () => {
    expect(loadEnvironment({ DATABASE_URL: 'postgres://a@b/c' }).demoMode).toBe(false);
    expect(loadEnvironment({ DATABASE_URL: 'postgres://a@b/c', SIGNPOST_DEMO: '1' }).demoMode).toBe(true);
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadEnvironment({ PORT: '70000', LOG_LEVEL: 'chatty', DATABASE_URL: 'mysql://x', MIGRATIONS_RUN: 'perhaps', CORS_ORIGINS: 'https://a.example, https://b.example' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'MIGRATIONS_RUN']) expect(problems).toContain(name);
    expect(problems).not.toContain('CORS_ORIGINS');
  });

  it('refuses to run in production without secrets, with demo credentials or with the embedded database', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required[\s\S]*DATABASE_URL is required[\s\S]*DATABASE_RUNTIME_URL is required/);
    expect(() =>
      loadEnvironment({
        NODE_ENV: 'production',
        JWT_SECRET: 'x'.repeat(40),
        DATABASE_URL: 'postgres://owner@db/signpost',
        DATABASE_RUNTIME_URL: 'postgres://app@db/signpost',
        SIGNPOST_DEMO: '1',
      }),
    ).toThrow(/demo data and demo credentials are refused|too weak/);
    const production = loadEnvironment({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-real-secret-of-enough-length-0123456789',
      SIGNPOST_SECRET_KEY: 'cHJvZHVjdGlvbi1zZWNyZXQta2V5LTMyLWJ5dGVzISE=',
      DATABASE_URL: 'postgres://owner@db/signpost',
      DATABASE_RUNTIME_URL: 'postgres://app@db/signpost',
      SIGNPOST_DEMO_CHANNEL_SECRET: 'whsec_cHJvZHVjdGlvbi1jaGFubmVsLXNlY3JldC0x',
    });
    expect(production.demoMode).toBe(false);
  });

  it('reads lists and booleans', () => {
    const env = loadEnvironment({ CORS_ORIGINS: 'https://a.example, https://b.example', TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,2001:db8::/32', SIGNPOST_WEBHOOK_ALLOWLIST: '127.0.0.1,10.0.0.0/8' });
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.TRUST_PROXY).toEqual(['10.0.0.5', '10.1.0.0/16', '2001:db8::/32']);
    expect(env.SIGNPOST_WEBHOOK_ALLOWLIST).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('trusts no proxy by default or with TRUST_PROXY=false: the client is the TCP peer', () => {
    expect(loadEnvironment({}).TRUST_PROXY).toBeUndefined();
    for (const off of ['false', 'FALSE', '0', 'no', 'off']) expect(loadEnvironment({ TRUST_PROXY: off }).TRUST_PROXY).toBeUndefined();
  });

  it('refuses TRUST_PROXY=true (anyone could name themselves the client) and names every bad entry', () => {
    for (const everyone of ['true', 'yes', '1', '0.0.0.0/0', '10.0.0.5,::/0']) {
      expect(() => loadEnvironment({ TRUST_PROXY: everyone })).toThrow(ConfigurationError);
    }
    expect(() => loadEnvironment({ TRUST_PROXY: 'true' })).toThrow(/list your reverse proxies’ addresses or CIDR ranges/);
    let error: unknown;
    try {
      loadEnvironment({ TRUST_PROXY: '10.0.0.5, proxy.internal, 10.0.0.0/40' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigurationError).problems).toEqual([
      'TRUST_PROXY: "proxy.internal" is not an IP address or CIDR range',
      'TRUST_PROXY: "10.0.0.0/40" has no valid prefix length (0 to 32)',
    ]);
  });
});
