import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { LiveGauges } from './live-gauges.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { ShutdownState } from './shutdown-state.js';

/** Health, metrics and the draining flag. The registry and the draining flag are made before Nest so that Fastify hooks can use them. */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(metrics: MetricsService, shutdown: ShutdownState): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json', logger: false })],
      controllers: [HealthController, MetricsController],
      providers: [{ provide: MetricsService, useValue: metrics }, { provide: ShutdownState, useValue: shutdown }, LiveGauges],
      exports: [MetricsService, ShutdownState],
    };
  }
}
