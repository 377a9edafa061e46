import { Global, Module, ValidationPipe, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule, PinoLogger } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AuditModule } from './audit/audit.module.js';
import { SafeguardingModule } from './safeguarding/safeguarding.module.js';
import { ChannelsModule } from './channels/channels.module.js';
import { WebchatModule } from './channels/webchat/webchat.module.js';
import { AuthenticationGuard } from './common/auth/authentication.guard.js';
import { RolesGuard } from './common/auth/roles.guard.js';
import { RouteAccessCheck } from './common/auth/route-access.check.js';
import { ErrorFilter } from './common/errors/error.filter.js';
import { validationErrorFactory } from './common/errors/validation.js';
import { RequestContextInterceptor } from './common/request-context.interceptor.js';
import { SecretBox } from './common/secret-box.js';
import { Settings } from './config/settings.js';
import { dataSourceOptions } from './database/data-source.js';
import { DatabaseModule } from './database/database.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { EnquiriesModule } from './enquiries/enquiries.module.js';
import { EscalationsModule } from './escalations/escalations.module.js';
import { IdentityModule } from './identity/identity.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { KnowledgeModule } from './knowledge/knowledge.module.js';
import { MailModule } from './mail/mail.module.js';
import { loggerParams } from './observability/logging.js';
import { MetricsService } from './observability/metrics.service.js';
import { ObservabilityModule } from './observability/observability.module.js';
import type { ShutdownState } from './observability/shutdown-state.js';
import { RoutingModule } from './routing/routing.module.js';
import { WebModule } from './web/web.module.js';
import { SubjectRightsModule } from './subject-rights/subject-rights.module.js';
import { LegalHoldsModule } from './legal-holds/legal-holds.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { AccountabilityModule } from './accountability/accountability.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { SignpostingModule } from './signposting/signposting.module.js';
import { ServiceLevelsModule } from './service-levels/service-levels.module.js';
import { WorkQueuesModule } from './work-queues/work-queues.module.js';
import { WrapUpModule } from './wrap-up/wrap-up.module.js';
import { NotifyModule } from './notify/notify.module.js';
import { RepliesModule } from './replies/replies.module.js';
import { TenancyModule } from './tenancy/tenancy.module.js';

@Global()
@Module({})
class SettingsModule {
  static forRoot(settings: Settings): DynamicModule {
    const secretBox = { provide: SecretBox, useValue: new SecretBox(settings.secretKey) };
    return { module: SettingsModule, providers: [{ provide: Settings, useValue: settings }, secretBox], exports: [Settings, SecretBox] };
  }
}

@Module({})
export class AppModule {
  static forRoot(settings: Settings, metrics: MetricsService, shutdown: ShutdownState, logDestination?: DestinationStream): DynamicModule {
    const { env } = settings;
    return {
      module: AppModule,
      imports: [
        SettingsModule.forRoot(settings),
        DiscoveryModule,
        LoggerModule.forRoot(loggerParams(env.LOG_LEVEL, logDestination)),
        TypeOrmModule.forRootAsync({
          inject: [PinoLogger],
          useFactory: (log: PinoLogger) => ({
            ...dataSourceOptions({
              url: settings.runtimeDatabaseUrl,
              poolSize: env.DATABASE_POOL_SIZE,
              log: { error: (m) => log.error(m), warn: (m) => log.warn(m) },
            }),
            // The app never migrates through its runtime role; the owner did at start.
            migrationsRun: false,
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
        DatabaseModule,
        ObservabilityModule.forRoot(metrics, shutdown),
        IdentityModule,
        TenancyModule,
        DirectoryModule,
        AuditModule,
        EnquiriesModule,
        JobsModule,
        MailModule,
        EscalationsModule,
        ChannelsModule,
        WebchatModule,
        SubjectRightsModule,
        LegalHoldsModule,
        RetentionModule,
        AccountabilityModule,
        ReportsModule,
        SignpostingModule,
        ServiceLevelsModule,
        WorkQueuesModule,
        NotifyModule,
        RepliesModule,
        RoutingModule,
        KnowledgeModule,
        SafeguardingModule,
        WrapUpModule,
        WebModule,
      ],
      providers: [
        RouteAccessCheck,
        { provide: APP_GUARD, useClass: AuthenticationGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: RequestContextInterceptor },
        { provide: APP_FILTER, useClass: ErrorFilter },
        {
          provide: APP_PIPE,
          useValue: new ValidationPipe({
            whitelist: true,
            forbidNonWhitelisted: true,
            forbidUnknownValues: true,
            transform: true,
            validationError: { target: false, value: false },
            exceptionFactory: validationErrorFactory,
          }),
        },
      ],
    };
  }
}
