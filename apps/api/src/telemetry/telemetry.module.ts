import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../platform/index.js';
import { ApiMetrics } from './api-metrics.js';
import { Tracing } from './tracing.js';

/** Metrics (on unless METRICS=off) and traces (only with OTEL_EXPORTER_OTLP_ENDPOINT), for the whole app. */
@Global()
@Module({
  providers: [
    { provide: ApiMetrics, inject: [AppConfig], useFactory: (config: AppConfig) => new ApiMetrics(config.telemetry.metrics) },
    {
      provide: Tracing,
      inject: [AppConfig],
      useFactory: (config: AppConfig) =>
        config.telemetry.otlpEndpoint ? Tracing.start(config.telemetry.otlpEndpoint, config.telemetry.serviceName) : Tracing.disabled(),
    },
  ],
  exports: [ApiMetrics, Tracing],
})
export class TelemetryModule implements OnApplicationShutdown {
  constructor(@Inject(Tracing) private readonly tracing: Tracing) {}

  async onApplicationShutdown(): Promise<void> {
    await this.tracing.shutdown();
  }
}
