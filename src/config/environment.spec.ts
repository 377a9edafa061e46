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
    const env = loadEnvironment({ CORS_ORIGINS: 'https://a.example, https://b.example', TRUST_PROXY: 'yes', SIGNPOST_WEBHOOK_ALLOWLIST: '127.0.0.1,10.0.0.0/8' });
    expect(env.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
    expect(env.TRUST_PROXY).toBe(true);
    expect(env.SIGNPOST_WEBHOOK_ALLOWLIST).toEqual(['127.0.0.1', '10.0.0.0/8']);
  });

  it('limits unauthenticated SMTP below the signed push, and acknowledgements per sender and organisation', () => {
    const defaults = loadEnvironment({});
    expect(defaults).toMatchObject({ EMAIL_MAX_BYTES: 25 * 1024 * 1024, SMTP_MAX_BYTES: 10 * 1024 * 1024, EMAIL_ACKS_PER_SENDER_PER_HOUR: 3, EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: 300 });
    expect(loadEnvironment({ SMTP_MAX_BYTES: '2097152', EMAIL_ACKS_PER_SENDER_PER_HOUR: '0', EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: '50' })).toMatchObject({
      SMTP_MAX_BYTES: 2 * 1024 * 1024,
      EMAIL_ACKS_PER_SENDER_PER_HOUR: 0,
      EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: 50,
    });
    expect(() => loadEnvironment({ SMTP_MAX_BYTES: '10', EMAIL_ACKS_PER_SENDER_PER_HOUR: '-1', EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: 'many' })).toThrow(
      /SMTP_MAX_BYTES[\s\S]*EMAIL_ACKS_PER_SENDER_PER_HOUR[\s\S]*EMAIL_ACKS_PER_ORGANISATION_PER_HOUR/,
    );
  });
});
