import 'reflect-metadata';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
  ValidationError,
} from 'class-validator';
import { trustedProxyProblem } from '../common/client-address.js';

import { exampleSecretProblems, plainHttpProblems } from './production-rules.js';

const SENSITIVE = Symbol('sensitive');

/** Marks a variable whose value must never be printed or logged. */
function Sensitive(): PropertyDecorator {
  return (target, key) => {
    const keys: string[] = Reflect.getMetadata(SENSITIVE, target) ?? [];
    Reflect.defineMetadata(SENSITIVE, [...keys, String(key)], target);
  };
}

const toBoolean = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off'].includes(text)) return false;
  return value; // left as a string so that IsBoolean reports it
};

const toInt = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+$/.test(String(value)) ? Number(value) : value;
};

const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : String(value)
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);

/** TRUST_PROXY: "false" (and its kin) trusts nobody; anything else is a list, each entry checked at start. */
const toProxyList = ({ value }: { value: unknown }) => {
  if (typeof value === 'string' && /^(0|false|no|off)$/i.test(value.trim())) return undefined;
  return toList({ value });
};

const POSTGRES_URL = /^postgres(ql)?:\/\/.+/;

/**
 * Every environment variable Signpost reads. Validated once at start; all problems are reported together.
 * Documented in docs/configuration.md (keep the two in step).
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '127.0.0.1';

  /** Owner connection: runs migrations. Absent → an embedded PostgreSQL under DATA_DIR. */
  @Sensitive()
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** Runtime connection (no ownership, no BYPASSRLS). Absent → Signpost manages the signpost_app role itself. */
  @Sensitive()
  @IsOptional()
  @Matches(POSTGRES_URL, { message: 'DATABASE_RUNTIME_URL must be a postgres:// URL' })
  DATABASE_RUNTIME_URL?: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  DATABASE_POOL_SIZE = 10;

  @Transform(toBoolean)
  @IsBoolean()
  MIGRATIONS_RUN = true;

  @IsString()
  DATA_DIR = './.data';

  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  SIGNPOST_DEMO?: boolean;

  /** With demo data, also seed 90 days of made-up contact: on by default, except under NODE_ENV=test. */
  @Transform(toBoolean)
  @IsOptional()
  @IsBoolean()
  SIGNPOST_DEMO_HISTORY?: boolean;

  @Sensitive()
  @IsString()
  @MinLength(8)
  SIGNPOST_DEMO_PASSWORD = 'signpost-demo';

  @Sensitive()
  @IsString()
  @Matches(/^whsec_[A-Za-z0-9+/=]{16,}$/, { message: 'SIGNPOST_DEMO_CHANNEL_SECRET must look like whsec_<base64>' })
  SIGNPOST_DEMO_CHANNEL_SECRET = 'whsec_c2lnbnBvc3QtZGVtby1jaGFubmVsLXNlY3JldA==';

  /** Signs staff access tokens. Required (32+ characters) in production; generated and kept under DATA_DIR otherwise. */
  @Sensitive()
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  JWT_TTL_SECONDS = 900;

  /**
   * The longest a member of staff stays signed in: an access token may be renewed (POST /api/auth/refresh) until this
   * long after the sign-in it descends from, then they sign in again. A shift and a little more.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24)
  STAFF_SESSION_HOURS = 12;

  /** 32 random bytes, base64: seals webhook and channel secrets at rest. Required in production. */
  @Sensitive()
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43}=$/, { message: 'SIGNPOST_SECRET_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32)' })
  SIGNPOST_SECRET_KEY?: string;

  @Transform(toList)
  @IsOptional()
  @IsString({ each: true })
  CORS_ORIGINS?: string[];

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  @Sensitive()
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  /** Inbound SMTP listener; 0 turns it off. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  SMTP_PORT = 2525;

  /** Largest inbound e-mail accepted (SMTP 552 / HTTP 413 above it). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  EMAIL_MAX_BYTES = 25 * 1024 * 1024;

  /**
   * Largest message the SMTP listener accepts (552 while it streams). SMTP is unauthenticated, so its limit is
   * lower than the signed push's; the smaller of this and EMAIL_MAX_BYTES applies.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  SMTP_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Acknowledgements of new e-mail enquiries sent to one sender address in an hour, whichever organisation it
   * wrote to; beyond it the enquiry is still created but not acknowledged (a forged From cannot turn the
   * service into a mail cannon). 0 sends none.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  EMAIL_ACKS_PER_SENDER_PER_HOUR = 3;

  /** Acknowledgements of new e-mail enquiries one organisation sends in an hour, all senders together. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  EMAIL_ACKS_PER_ORGANISATION_PER_HOUR = 300;

  @Transform(toList)
  @IsOptional()
  @IsString({ each: true })
  SIGNPOST_WEBHOOK_ALLOWLIST?: string[];

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /** Run job workers (escalation delivery) in this instance; web-only instances set false. */
  @Transform(toBoolean)
  @IsBoolean()
  JOB_WORKERS = true;

  /**
   * A prefix for the names of this deployment's job queues, so that several deployments (or test runs) sharing
   * one database each work only their own jobs. Empty by default: every instance of a deployment must use the same.
   */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z0-9_-]{0,40}$/, { message: 'JOB_QUEUE_PREFIX must be up to 40 lower-case letters, digits, dashes or underscores' })
  JOB_QUEUE_PREFIX = '';

  /** Fallback polling for jobs nobody announced (workers are woken by a NOTIFY on commit, and by retry timers). */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @Min(0.5)
  @Max(60)
  JOB_POLL_SECONDS = 1;

  /** Jobs of each queue one instance runs at once (escalation deliveries in flight). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  JOB_CONCURRENCY = 16;

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS = 15000;

  /** Delivery attempts before an escalation is dead-lettered for a supervisor to replay. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  WEBHOOK_MAX_ATTEMPTS = 10;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  WEBHOOK_BACKOFF_BASE_MS = 5000;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(86400000)
  WEBHOOK_BACKOFF_CAP_MS = 3600000;

  /** Retention sweep: records erased per short transaction. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(10000)
  RETENTION_BATCH_SIZE = 500;

  /**
   * Retention sweep: the share of time it may work; after each batch it rests for as long as the batch took,
   * scaled so that live traffic keeps the rest (0.5: work as long as it rests).
   */
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsOptional()
  @Min(0.05)
  @Max(1)
  RETENTION_DUTY_CYCLE = 0.5;

  /** When the scheduled sweep runs (cron, Europe/London time); "off" runs sweeps on demand only. */
  @IsString()
  @Matches(/^(off|[\d*/,-]+( [\d*/,-]+){4})$/, { message: 'RETENTION_SWEEP_CRON must be a five-field cron expression or "off"' })
  RETENTION_SWEEP_CRON = '30 2 * * *';

  /** How often the status of referrals sent to Open311 endpoints is read back (cron); "off" never. */
  @IsString()
  @Matches(/^(off|[\d*/,-]+( [\d*/,-]+){4})$/, { message: 'OPEN311_POLL_CRON must be a five-field cron expression or "off"' })
  OPEN311_POLL_CRON = '*/5 * * * *';

  /**
   * How often automatic assignment of e-mail, form and social enquiries runs for every organisation that chose it
   * (cron): it returns untouched work to the queue and assigns what waits. New enquiries are assigned at intake too.
   */
  @IsString()
  @Matches(/^(off|[\d*/,-]+( [\d*/,-]+){4})$/, { message: 'WORK_ROUTING_CRON must be a five-field cron expression or "off"' })
  WORK_ROUTING_CRON = '* * * * *';

  /** GOV.UK Notify's API (a different base URL for a test double); each organisation sets its own key. */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'NOTIFY_BASE_URL must be an http(s) URL' })
  NOTIFY_BASE_URL?: string;

  /** How long after sending, and then between checks, Notify is asked for a message's delivery status. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3600)
  NOTIFY_STATUS_CHECK_SECONDS = 60;

  /**
   * The call-recording store: recordings past their period are deleted by `DELETE {URL}/{organisation-slug}/{ref}`
   * (Bearer RECORDING_STORE_TOKEN) before their reference is; the per-organisation prefix keeps one organisation's
   * references from reaching another's recordings. A recording another record still names (in any organisation)
   * is never deleted. Unset: Signpost holds references only and deletes those.
   */
  @IsOptional()
  @Matches(/^https?:\/\/.+/, { message: 'RECORDING_STORE_URL must be an http(s) URL' })
  RECORDING_STORE_URL?: string;

  @Sensitive()
  @IsOptional()
  @IsString()
  RECORDING_STORE_TOKEN?: string;

  /** Outbound mail: an smtp:// or smtps:// URL; "capture" keeps messages under DATA_DIR/mail-outbox (development). */
  @Sensitive()
  @IsOptional()
  @Matches(/^(smtps?:\/\/.+|capture)$/, { message: 'MAIL_TRANSPORT_URL must be an smtp:// URL or "capture"' })
  MAIL_TRANSPORT_URL?: string;

  @IsString()
  @MaxLength(254)
  MAIL_FROM = 'Signpost <signpost@localhost>';

  /** Webchat starts allowed per client address per minute (per instance). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  CHAT_STARTS_PER_MINUTE = 5;

  /** Where social replies are sent (the Graph API, or a relay). */
  @Matches(/^https?:\/\/.+/, { message: 'SOCIAL_GRAPH_BASE_URL must be an http(s) URL' })
  SOCIAL_GRAPH_BASE_URL = 'https://graph.facebook.com/v19.0';

  /**
   * Our own reverse proxies (load balancers), whose X-Forwarded-For names the client: comma-separated IPv4 or IPv6
   * addresses or CIDR ranges. Unset or "false": nobody is trusted and the client is the TCP peer. "true" is refused.
   */
  @Transform(toProxyList)
  @IsOptional()
  @IsString({ each: true })
  TRUST_PROXY?: string[];

  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(120000)
  SHUTDOWN_TIMEOUT_MS = 25000;

  /** Where browsers reach the service (its origin may open sockets): an http(s) URL, checked at start. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsUrl(
    { require_protocol: true, protocols: ['http', 'https'], require_tld: false },
    { message: 'PUBLIC_URL must be an http:// or https:// URL' },
  )
  PUBLIC_URL?: string;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }

  get usesEmbeddedDatabase(): boolean {
    return !this.DATABASE_URL;
  }

  /** Demo data: on by default with the embedded database, forced by SIGNPOST_DEMO=1, never in production. */
  get demoMode(): boolean {
    if (this.isProduction) return false;
    return this.SIGNPOST_DEMO ?? this.usesEmbeddedDatabase;
  }

  /** The demo history goes with demo data only (so never in production); tests start without it unless they ask. */
  get demoHistory(): boolean {
    return this.demoMode && (this.SIGNPOST_DEMO_HISTORY ?? this.NODE_ENV !== 'test');
  }

  static sensitiveKeys(): string[] {
    return Reflect.getMetadata(SENSITIVE, Environment.prototype) ?? [];
  }
}

export class ConfigurationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigurationError';
  }
}

function describe(errors: ValidationError[]): string[] {
  return errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
}

const OPTIONAL_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_RUNTIME_URL',
  'SIGNPOST_DEMO',
  'SIGNPOST_DEMO_HISTORY',
  'JWT_SECRET',
  'SIGNPOST_SECRET_KEY',
  'CORS_ORIGINS',
  'REDIS_URL',
  'SIGNPOST_WEBHOOK_ALLOWLIST',
  'PUBLIC_URL',
  'MAIL_TRANSPORT_URL',
  'RECORDING_STORE_URL',
  'NOTIFY_BASE_URL',
  'RECORDING_STORE_TOKEN',
  'TRUST_PROXY',
];
const KNOWN_DEMO_PASSWORD = 'signpost-demo';
const KNOWN_DEMO_CHANNEL_SECRET = 'whsec_c2lnbnBvc3QtZGVtby1jaGFubmVsLXNlY3JldA==';

/** Reads and validates the environment, listing every problem at once. */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  // Optional variables have no initialiser, so they are named here; the rest are the instance's own keys.
  const names = new Set([...Object.keys(new Environment()), ...OPTIONAL_VARIABLES]);
  const relevant: Record<string, string> = {};
  for (const name of names) {
    const value = source[name];
    if (value !== undefined && value !== '') relevant[name] = value;
  }
  const environment = plainToInstance(Environment, relevant);
  const problems = describe(validateSync(environment, { skipMissingProperties: false }));

  for (const entry of environment.TRUST_PROXY ?? []) {
    const problem = trustedProxyProblem(entry);
    if (problem) problems.push(problem);
  }
  if (environment.isProduction) {
    if (!environment.JWT_SECRET) problems.push('JWT_SECRET is required in production (32+ random characters)');
    if (!environment.SIGNPOST_SECRET_KEY) problems.push('SIGNPOST_SECRET_KEY is required in production (openssl rand -base64 32)');
    if (!environment.DATABASE_URL) problems.push('DATABASE_URL is required in production (no embedded database)');
    if (!environment.DATABASE_RUNTIME_URL)
      problems.push('DATABASE_RUNTIME_URL is required in production (a role without ownership or BYPASSRLS)');
    if (source.SIGNPOST_DEMO_PASSWORD === KNOWN_DEMO_PASSWORD || source.SIGNPOST_DEMO === '1' || source.SIGNPOST_DEMO_HISTORY === '1')
      problems.push('demo data and demo credentials are refused in production');
    if (source.SIGNPOST_DEMO_CHANNEL_SECRET === KNOWN_DEMO_CHANNEL_SECRET)
      problems.push('SIGNPOST_DEMO_CHANNEL_SECRET must not be the published demo value in production');
    if (environment.JWT_SECRET && /^(.)\1+$/.test(environment.JWT_SECRET)) problems.push('JWT_SECRET is too weak (one repeated character)');
    problems.push(...exampleSecretProblems(Object.fromEntries(Environment.sensitiveKeys().map((name) => [name, source[name]]))));
    problems.push(...plainHttpProblems(environment));
  }
  if (problems.length > 0) throw new ConfigurationError(problems);
  return environment;
}
