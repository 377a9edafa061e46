import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { ConfigurationError, loadEnvironment } from './environment.js';
import { EXAMPLE_SECRETS, isExampleSecret } from './production-rules.js';

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

  it('seeds the 90-day demo history with demo data (npm start), not under NODE_ENV=test unless asked, never in production', () => {
    expect(loadEnvironment({}).demoHistory).toBe(true);
    expect(loadEnvironment({ SIGNPOST_DEMO_HISTORY: '0' }).demoHistory).toBe(false);
    expect(loadEnvironment({ NODE_ENV: 'test' }).demoHistory).toBe(false);
    expect(loadEnvironment({ NODE_ENV: 'test', SIGNPOST_DEMO_HISTORY: '1' }).demoHistory).toBe(true);
    // No demo data, no history: the history is never seeded on its own.
    expect(loadEnvironment({ DATABASE_URL: 'postgres://a@b/c', SIGNPOST_DEMO_HISTORY: '1' }).demoHistory).toBe(false);
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: 'a-real-secret-of-enough-length-0123456789',
      SIGNPOST_SECRET_KEY: 'cHJvZHVjdGlvbi1zZWNyZXQta2V5LTMyLWJ5dGVzISE=',
      DATABASE_URL: 'postgres://owner@db/signpost',
      DATABASE_RUNTIME_URL: 'postgres://app@db/signpost',
      SIGNPOST_DEMO_CHANNEL_SECRET: 'whsec_cHJvZHVjdGlvbi1jaGFubmVsLXNlY3JldC0x',
    };
    expect(loadEnvironment(production).demoHistory).toBe(false);
    expect(() => loadEnvironment({ ...production, SIGNPOST_DEMO_HISTORY: '1' })).toThrow(
      /demo data and demo credentials are refused in production/,
    );
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      loadEnvironment({
        PORT: '70000',
        LOG_LEVEL: 'chatty',
        DATABASE_URL: 'mysql://x',
        MIGRATIONS_RUN: 'perhaps',
        CORS_ORIGINS: 'https://a.example, https://b.example',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const problems = (error as ConfigurationError).problems.join('\n');
    for (const name of ['PORT', 'LOG_LEVEL', 'DATABASE_URL', 'MIGRATIONS_RUN']) expect(problems).toContain(name);
    expect(problems).not.toContain('CORS_ORIGINS');
  });

  it('refuses to run in production without secrets, with demo credentials or with the embedded database', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required[\s\S]*DATABASE_URL is required[\s\S]*DATABASE_RUNTIME_URL is required/,
    );
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
    const env = loadEnvironment({
      CORS_ORIGINS: 'https://a.example, https://b.example',
      TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,2001:db8::/32',
      SIGNPOST_WEBHOOK_ALLOWLIST: '127.0.0.1,10.0.0.0/8',
    });
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

  it('limits unauthenticated SMTP below the signed push, and acknowledgements per sender and organisation', () => {
    const defaults = loadEnvironment({});
    expect(defaults).toMatchObject({
      EMAIL_MAX_BYTES: 25 * 1024 * 1024,
      SMTP_MAX_BYTES: 10 * 1024 * 1024,
      EMAIL_ACKS_PER_SENDER_PER_HOUR: 3,
      EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: 300,
    });
    expect(
      loadEnvironment({ SMTP_MAX_BYTES: '2097152', EMAIL_ACKS_PER_SENDER_PER_HOUR: '0', EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: '50' }),
    ).toMatchObject({
      SMTP_MAX_BYTES: 2 * 1024 * 1024,
      EMAIL_ACKS_PER_SENDER_PER_HOUR: 0,
      EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: 50,
    });
    expect(() =>
      loadEnvironment({ SMTP_MAX_BYTES: '10', EMAIL_ACKS_PER_SENDER_PER_HOUR: '-1', EMAIL_ACKS_PER_ORGANISATION_PER_HOUR: 'many' }),
    ).toThrow(/SMTP_MAX_BYTES[\s\S]*EMAIL_ACKS_PER_SENDER_PER_HOUR[\s\S]*EMAIL_ACKS_PER_ORGANISATION_PER_HOUR/);
  });
});

describe('PUBLIC_URL', () => {
  it('is an http(s) URL or start is refused with the reason', () => {
    expect(loadEnvironment({ PUBLIC_URL: 'https://contact.example.gov.uk' }).PUBLIC_URL).toBe('https://contact.example.gov.uk');
    expect(loadEnvironment({ PUBLIC_URL: 'http://localhost:3000' }).PUBLIC_URL).toBe('http://localhost:3000');
    expect(() => loadEnvironment({ PUBLIC_URL: 'contact.example.gov.uk' })).toThrow(/PUBLIC_URL must be an http:\/\/ or https:\/\/ URL/);
    expect(() => loadEnvironment({ PUBLIC_URL: 'http://exa mple' })).toThrow(/PUBLIC_URL/);
  });
});

describe('production refuses the published example secrets and plain http to outside services', () => {
  const productionBase = {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-real-secret-of-enough-length-0123456789',
    SIGNPOST_SECRET_KEY: 'cHJvZHVjdGlvbi1zZWNyZXQta2V5LTMyLWJ5dGVzISE=',
    DATABASE_URL: 'postgres://owner:owner-password-of-our-own@db/signpost',
    DATABASE_RUNTIME_URL: 'postgres://app:app-password-of-our-own@db/signpost',
  };
  const problemsOf = (source: Record<string, string>): string[] => {
    try {
      loadEnvironment(source);
      return [];
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      return error.problems;
    }
  };

  /** Every secret-looking value the shipped files carry: `NAME: value` entries and passwords in URLs and SQL. */
  function shippedSecrets(): { signpost: Record<string, string>; secrets: { where: string; value: string }[] } {
    const compose = readFileSync(path.resolve('docker-compose.yml'), 'utf8');
    const exampleEnv = readFileSync(path.resolve('docker/example.env'), 'utf8');
    const examples = Object.fromEntries([...exampleEnv.matchAll(/^([A-Z][A-Z0-9_]*)=(.*)$/gm)].map((match) => [match[1], match[2].trim()]));
    const signpost: Record<string, string> = {};
    const secrets: { where: string; value: string }[] = [];
    let service = '';
    for (const line of compose.split('\n')) {
      const serviceMatch = /^ {2}([a-z][\w-]*):\s*$/.exec(line);
      if (serviceMatch) service = serviceMatch[1];
      const entry = /^\s+([A-Z][A-Z0-9_]*):\s*(.+?)\s*$/.exec(line);
      if (!entry) continue;
      const [, name, raw] = entry;
      const value = raw.replace(/^(["'])(.*)\1$/, '$2');
      // As `docker compose` reads it with .env copied from docker/example.env.
      if (service === 'signpost')
        signpost[name] = value.replace(/\$\{([A-Z][A-Z0-9_]*)[^}]*\}/g, (_whole, variable: string) => examples[variable] ?? '');
      if (/\$\{/.test(value)) continue; // taken from the operator's own environment
      if (/SECRET|PASSWORD|TOKEN|KEY/.test(name)) secrets.push({ where: `docker-compose.yml ${service}.${name}`, value });
      const password = /^[a-z][a-z0-9+.-]*:\/\/[^:/@]+:([^@]+)@/i.exec(value)?.[1];
      if (password) secrets.push({ where: `docker-compose.yml ${service}.${name} (password)`, value: decodeURIComponent(password) });
    }
    for (const [name, value] of Object.entries(examples)) secrets.push({ where: `docker/example.env ${name}`, value });
    return { signpost, secrets };
  }

  it('finds the example secrets docker-compose.yml and docker/example.env ship, and the list refuses every one', () => {
    const { secrets } = shippedSecrets();
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.filter(({ value }) => !isExampleSecret(value))).toEqual([]);
    for (const value of EXAMPLE_SECRETS) expect(isExampleSecret(value)).toBe(true);
  });

  it("refuses docker-compose.yml's own signpost settings in production, naming each variable and never its value", () => {
    const { signpost, secrets } = shippedSecrets();
    const problems = problemsOf(signpost);
    const text = problems.join('\n');
    // docker compose up with .env copied from docker/example.env and not changed: every secret is named.
    for (const name of ['JWT_SECRET', 'SIGNPOST_SECRET_KEY', 'DATABASE_URL', 'DATABASE_RUNTIME_URL']) expect(text).toContain(`${name} `);
    for (const { value } of secrets) expect(text).not.toContain(value);
  });

  it('refuses any shipped secret used as the password of a database or Redis URL, or as a secret of its own', () => {
    for (const { value } of shippedSecrets().secrets) {
      const password = encodeURIComponent(value);
      expect(problemsOf({ ...productionBase, DATABASE_URL: `postgres://signpost_owner:${password}@db.internal:5432/signpost` })).toEqual([
        'DATABASE_URL carries an example password published in docker-compose.yml: set a password of your own in production',
      ]);
      expect(problemsOf({ ...productionBase, REDIS_URL: `redis://default:${password}@redis:6379` })).toEqual([
        'REDIS_URL carries an example password published in docker-compose.yml: set a password of your own in production',
      ]);
      expect(problemsOf({ ...productionBase, RECORDING_STORE_TOKEN: value })).toEqual([
        'RECORDING_STORE_TOKEN is an example value published in docker-compose.yml: set a secret of your own in production',
      ]);
    }
  });

  it('accepts secrets of your own, whatever a URL says outside its password, and keeps the examples usable outside production', () => {
    expect(problemsOf(productionBase)).toEqual([]);
    expect(
      problemsOf({ ...productionBase, DATABASE_URL: 'postgres://owner:owner-password-of-our-own@change-me.db.internal/signpost' }),
    ).toEqual([]);
    expect(problemsOf({ ...shippedSecrets().signpost, NODE_ENV: 'development' })).toEqual([]);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{32,64}$/), fc.constantFrom(...EXAMPLE_SECRETS), (own, example) => {
        fc.pre(!/change-?me/i.test(own));
        expect(
          problemsOf({ ...productionBase, JWT_SECRET: own, DATABASE_URL: `postgres://owner:${encodeURIComponent(own)}@db/signpost` }),
        ).toEqual([]);
        expect(
          problemsOf({ ...productionBase, DATABASE_RUNTIME_URL: `postgres://app:${encodeURIComponent(example)}@db/signpost` }),
        ).toHaveLength(1);
      }),
    );
  });

  it('requires https for the Notify, social Graph and recording store base URLs in production only', () => {
    const plain = {
      NOTIFY_BASE_URL: 'http://notify.example',
      SOCIAL_GRAPH_BASE_URL: 'http://graph.example/v19.0',
      RECORDING_STORE_URL: 'http://recordings.example/store',
    };
    expect(problemsOf({ ...productionBase, ...plain })).toEqual([
      'NOTIFY_BASE_URL must be an https URL in production',
      'SOCIAL_GRAPH_BASE_URL must be an https URL in production',
      'RECORDING_STORE_URL must be an https URL in production',
    ]);
    expect(
      problemsOf({
        ...productionBase,
        NOTIFY_BASE_URL: 'https://api.notifications.service.gov.uk',
        SOCIAL_GRAPH_BASE_URL: 'https://graph.facebook.com/v19.0',
        RECORDING_STORE_URL: 'https://recordings.example/store',
      }),
    ).toEqual([]);
    expect(problemsOf(productionBase)).toEqual([]); // the Graph default is https
    expect(problemsOf({ NODE_ENV: 'test', ...plain })).toEqual([]);
  });
});
