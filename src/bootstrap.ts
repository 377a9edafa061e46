import 'reflect-metadata';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifyRateLimit from '@fastify/rate-limit';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger, PinoLogger } from 'nestjs-pino';
import pino, { type DestinationStream, type Logger as PinoBaseLogger } from 'pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module.js';
import { WEB_ROOT } from './web/web-pages.controller.js';
import { SignpostIoAdapter } from './channels/webchat/signpost-io.adapter.js';
import { parseJsonBody } from './common/json-body.parser.js';
import { DomainError } from './common/errors/domain-error.js';
import { toErrorResponse } from './common/errors/error-response.js';
import { SecretBox } from './common/secret-box.js';
import { configureLimits, rateLimitOptions } from './common/rate-limit.js';
import { trustedProxies } from './common/client-address.js';
import { loadEnvironment, type Environment } from './config/environment.js';
import { SIGNPOST_VERSION } from './config/package-info.js';
import { Settings } from './config/settings.js';
import { assertRuntimeRoleIsConfined } from './database/database-roles.js';
import { prepareDatabase, type PreparedDatabase } from './database/database-setup.js';
import { correlationIdFor, logRequest, pinoOptions } from './observability/logging.js';
import { MetricsService } from './observability/metrics.service.js';
import { ShutdownState } from './observability/shutdown-state.js';
import { seedDemoData } from './tenancy/demo/demo-seeder.js';
import { DEMO_ORGANISATIONS } from './tenancy/demo/demo-organisations.js';

export interface StartOptions {
  /** Environment to read instead of process.env (tests). */
  env?: NodeJS.ProcessEnv;
  /** Where JSON logs go instead of stdout (tests capture them). */
  logDestination?: DestinationStream;
  /** Print the human-readable start-up banner. */
  banner?: boolean;
}

export interface RunningSignpost {
  app: NestFastifyApplication;
  url: string;
  port: number;
  env: Environment;
  database: PreparedDatabase;
  /** Drains requests, closes the pool and stops an embedded database; safe to call twice. */
  stop(): Promise<void>;
}

const version = SIGNPOST_VERSION;

/** Starts the whole service: database, migrations, demo data, HTTP server. Used by main.ts and the tests. */
export async function startSignpost(options: StartOptions = {}): Promise<RunningSignpost> {
  const env = loadEnvironment(options.env ?? process.env);
  const log = pino({ ...pinoOptions(env.LOG_LEVEL), base: { context: 'Bootstrap' } }, options.logDestination);
  const setupLog = { info: (m: string) => log.info(m), warn: (m: string) => log.warn(m), error: (m: string) => log.error(m) };

  const database = await prepareDatabase(env, setupLog);
  try {
    const jwtSecret = env.JWT_SECRET ?? database.localSecrets?.jwtSecret;
    const secretKey = env.SIGNPOST_SECRET_KEY ?? database.localSecrets?.secretKey;
    if (!jwtSecret || !secretKey) throw new Error('JWT_SECRET and SIGNPOST_SECRET_KEY must be set');
    if (env.demoMode) {
      await seedDemoData({
        ownerUrl: database.ownerUrl,
        password: env.SIGNPOST_DEMO_PASSWORD,
        channelSecret: env.SIGNPOST_DEMO_CHANNEL_SECRET,
        secrets: new SecretBox(secretKey),
        log: setupLog,
        history: env.demoHistory,
      });
    }
    const app = await createHttpApp(
      new Settings(env, database.runtimeUrl, database.ownerUrl, jwtSecret, secretKey),
      options.logDestination,
    );
    await assertRuntimeRoleIsConfined((sql) => app.get(DataSource).query(sql));
    await app.listen({ port: env.PORT, host: env.HOST });
    const address = app.getHttpServer().address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${port}`;
    log.info({ port }, 'Signpost is listening');
    if (options.banner) printBanner(env, url);

    let stopping: Promise<void> | undefined;
    const stop = () =>
      (stopping ??= (async () => {
        const shutdown = app.get(ShutdownState);
        shutdown.beginDraining();
        // Responses sent from now on carry `Connection: close` (see the onSend hook), so keep-alive
        // connections busy at this moment close after their response instead of holding the server open.
        try {
          // New requests and socket events are refused with 503 while those already taken up finish; only then
          // are the listener and the sockets closed, so every answer reaches its client.
          await shutdown.drained(Math.floor(env.SHUTDOWN_TIMEOUT_MS / 2));
          await app.close();
          await app.get(ShutdownState).runStopped();
        } finally {
          await database.stop();
        }
      })());
    return { app, url, port, env, database, stop };
  } catch (error) {
    await database.stop();
    throw error;
  }
}

/**
 * The application without its HTTP server, for command-line tasks: the same modules, database and rules, no
 * job workers and no SMTP listener (a running instance has those).
 */
export async function startApplicationContext(
  source: NodeJS.ProcessEnv = process.env,
): Promise<{ get<T>(type: new (...args: never[]) => T): T; close(): Promise<void> }> {
  const env = loadEnvironment({ ...source, JOB_WORKERS: 'false', SMTP_PORT: '0', LOG_LEVEL: source.LOG_LEVEL ?? 'warn' });
  const log = pino({ ...pinoOptions(env.LOG_LEVEL), base: { context: 'Cli' } }, pino.destination(2));
  const database = await prepareDatabase(env, { info: (m) => log.info(m), warn: (m) => log.warn(m), error: (m) => log.error(m) });
  const jwtSecret = env.JWT_SECRET ?? database.localSecrets?.jwtSecret;
  const secretKey = env.SIGNPOST_SECRET_KEY ?? database.localSecrets?.secretKey;
  if (!jwtSecret || !secretKey) throw new Error('JWT_SECRET and SIGNPOST_SECRET_KEY must be set');
  const settings = new Settings(env, database.runtimeUrl, database.ownerUrl, jwtSecret, secretKey);
  const context = await NestFactory.createApplicationContext(
    AppModule.forRoot(settings, new MetricsService(), new ShutdownState(), pino.destination(2)),
    { logger: false },
  );
  return {
    get: (type) => context.get(type),
    close: async () => {
      await context.close();
      await database.stop();
    },
  };
}

async function createHttpApp(settings: Settings, logDestination?: DestinationStream): Promise<NestFastifyApplication> {
  const { env } = settings;
  const adapter = new FastifyAdapter({
    // Our own proxies only, by the same test as the sockets (common/client-address.ts): nobody when unset.
    trustProxy: env.TRUST_PROXY ? trustedProxies(env.TRUST_PROXY) : false,
    bodyLimit: 1024 * 1024,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    genReqId: (request: IncomingMessage) => {
      const id = correlationIdFor(request);
      (request as IncomingMessage & { id?: string }).id = id;
      return id;
    },
  });
  const fastify = adapter.getInstance();
  const metrics = new MetricsService();
  const shutdown = new ShutdownState();
  // While draining, a new request is refused with a JSON 503 (health answers for itself: 503 too); every other one
  // is counted until its response has gone, and the service closes only then (see stop()).
  fastify.addHook('onRequest', async (request, reply) => {
    if (shutdown.isDraining && request.routeOptions.url !== '/health') {
      const { body } = toErrorResponse(
        new DomainError(503, 'SHUTTING_DOWN', 'The service is restarting: try again shortly'),
        String(request.id),
      );
      return reply.code(503).header('content-type', 'application/json; charset=utf-8').send(body);
    }
    reply.raw.once('close', shutdown.takeUp());
  });
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-correlation-id', String(request.id));
    // While draining, each response tells its client to close the connection, so none lingers.
    if (shutdown.isDraining) void reply.header('connection', 'close');
  });
  let requestLogger: PinoBaseLogger | undefined;
  fastify.addHook('onResponse', async (request, reply) => {
    logRequest(requestLogger, request, reply.statusCode, reply.elapsedTime);
    metrics.observeHttp(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(settings, metrics, shutdown, logDestination), adapter, {
    bufferLogs: true,
    rawBody: true,
    abortOnError: false,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const sockets = new SignpostIoAdapter(app, env, shutdown);
  await sockets.connectToRedis();
  app.useWebSocketAdapter(sockets);
  app.get(ShutdownState).onStopped(() => sockets.disconnectRedis());
  requestLogger = PinoLogger.root.child({ context: 'Http' });
  // Call logs uploaded as CSV (up to 10 MB).
  fastify.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) => done(null, body));
  // Raw e-mail for the email channel's push route, limited like the SMTP listener.
  fastify.addContentTypeParser('message/rfc822', { parseAs: 'buffer', bodyLimit: env.EMAIL_MAX_BYTES }, (_request, body, done) =>
    done(null, body),
  );
  // Raw bytes are kept for routes that verify a signature over the body (channel pushes).
  app.useBodyParser('application/json', { bodyLimit: 1024 * 1024 }, parseJsonBody);
  configureLimits(fastify, { loginPerMinute: env.LOGIN_RATE_LIMIT_PER_MINUTE });
  await app.register(fastifyRateLimit, rateLimitOptions());
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    strictTransportSecurity: env.isProduction ? { maxAge: 31536000, includeSubDomains: true } : false,
  });
  // The pages' scripts, styles, fonts and images: content-hashed names, so cached for a year.
  await app.register(fastifyStatic, {
    root: path.join(WEB_ROOT, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    wildcard: true,
    immutable: true,
    maxAge: '365d',
  });
  app.enableCors({
    origin: env.CORS_ORIGINS ?? false,
    methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
    exposedHeaders: ['X-Correlation-Id'],
    maxAge: 600,
  });
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Signpost')
      .setDescription(
        'Omnichannel enquiry router for council contact centres. Staff routes take `Authorization: Bearer <accessToken>` from `POST /api/auth/login`. ' +
          'Errors are JSON `{statusCode, error, message, code, correlationId, errors?}`. A resource of another organisation answers exactly as an unknown one (404).',
      )
      .setVersion(version)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', yamlDocumentUrl: 'api/docs-yaml' });
  return app;
}

function printBanner(env: Environment, url: string): void {
  const lines = [
    ``,
    `Signpost ${version} is ready at ${url}`,
    `  API documentation: ${url}/api/docs`,
    `  Health: ${url}/health   Metrics: ${url}/metrics`,
  ];
  if (env.demoMode) {
    const password = env.SIGNPOST_DEMO_PASSWORD === 'signpost-demo' ? 'signpost-demo' : 'the value of SIGNPOST_DEMO_PASSWORD';
    lines.push(
      `  Demo data is loaded. Log in with password ${password} as any of:`,
      ...DEMO_ORGANISATIONS.map(({ slug }) => `    advisor@${slug}.demo  supervisor@${slug}.demo  dpo@${slug}.demo  admin@${slug}.demo`),
      `    and one service user per service, e.g. blue-badge@lancashire.demo, highways@lancashire.demo`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}
