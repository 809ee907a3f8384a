import { context, SpanStatusCode, trace, type Attributes, type Span, type Tracer } from '@opentelemetry/api';

/** How often batched spans are sent to the collector (ms). */
const EXPORT_DELAY_MS = 1000;

/**
 * OpenTelemetry traces, exported over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set. Without
 * it nothing is loaded or recorded: `span` calls its function directly (no context manager, no
 * span objects), which is what keeps telemetry free when it is off.
 */
export class Tracing {
  private constructor(
    private readonly tracer: Tracer | undefined,
    private readonly shutdownProvider: () => Promise<void>,
  ) {}

  static disabled(): Tracing {
    return new Tracing(undefined, async () => undefined);
  }

  /** Starts the SDK (imported only now), with the AsyncLocalStorage context manager that parents nested spans. */
  static async start(endpoint: string, serviceName: string): Promise<Tracing> {
    const [{ BasicTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { resourceFromAttributes }, { AsyncLocalStorageContextManager }] =
      await Promise.all([
        import('@opentelemetry/sdk-trace-base'),
        import('@opentelemetry/exporter-trace-otlp-http'),
        import('@opentelemetry/resources'),
        import('@opentelemetry/context-async-hooks'),
      ]);
    const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/+$/, '')}/v1/traces` });
    const provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': serviceName }),
      spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: EXPORT_DELAY_MS })],
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    return new Tracing(provider.getTracer('policy-ledger'), () => provider.shutdown());
  }

  get enabled(): boolean {
    return this.tracer !== undefined;
  }

  /** Runs `work` in a span named `name`, child of the active one; records a thrown error on it. */
  span<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
    if (!this.tracer) return work();
    return this.tracer.startActiveSpan(name, { attributes }, async (span) => {
      try {
        return await work();
      } catch (error) {
        span.recordException(error as Error);
        span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  /** A span that outlives one call (an HTTP request between Fastify hooks); `run` continues within it. */
  startSpan(name: string, attributes: Attributes, run: () => void): Span | undefined {
    if (!this.tracer) {
      run();
      return undefined;
    }
    const span = this.tracer.startSpan(name, { attributes });
    context.with(trace.setSpan(context.active(), span), run);
    return span;
  }

  /** Runs `run` with `span` as the active span. */
  continueIn(span: Span, run: () => void): void {
    context.with(trace.setSpan(context.active(), span), run);
  }

  /** Sends what is batched and stops (graceful shutdown). */
  shutdown(): Promise<void> {
    return this.shutdownProvider();
  }
}
