import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { serveConsole } from './console/serve-console.js';
import { serveGraphqlIde } from './ide/graphql-ide.js';
import { registerRestApi } from './rest/rest-api.js';
import { NodeFeed } from './consistency/node-feed.service.js';
import { ApiMetrics } from './telemetry/api-metrics.js';
import { instrumentGraphql } from './telemetry/graphql-telemetry.js';
import { registerHttpTelemetry } from './telemetry/http-telemetry.js';
import { instrumentCommands, observeNode, observeWebhooks } from './telemetry/node-telemetry.js';
import { WebhookOutbox } from '#webhooks';
import { Tracing } from './telemetry/tracing.js';
import { StartupService } from './startup/startup.service.js';
import {
  AuthService,
  createLogger,
  fastifyLoggingOptions,
  guardWebSockets,
  loadAppConfig,
  PinoLoggerService,
  RateLimiter,
  registerRequestCorrelation,
  registerRequestLog,
  SLOW_REQUEST_MS,
  sliceLargeResponses,
  SLICED_RESPONSE_VALUES,
  SLICE_MS,
  upgradesInTurns,
} from './platform/index.js';

/** Response headers a browser client on another origin may read (read-your-writes, staleness, correlation). */
const EXPOSED_HEADERS = ['x-commit-position', 'x-stale-since', 'x-request-id'];

/**
 * Builds and starts the API without listening: main.ts and the end-to-end tests start it the same way.
 * Settings come from `env` (process.env by default), validated before anything opens.
 */
export async function createApp(env: Record<string, string | undefined> = process.env): Promise<NestFastifyApplication> {
  const config = loadAppConfig(env);
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env), new FastifyAdapter(fastifyLoggingOptions(logger)), {
    logger: new PinoLoggerService(logger),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestCorrelation(fastify);
  registerRequestLog(fastify, SLOW_REQUEST_MS);
  upgradesInTurns(fastify);
  // METRICS=off: no /metrics and nothing counted; with no OTLP endpoint either, no telemetry hook at all.
  const metrics = config.telemetry.metrics ? app.get(ApiMetrics) : undefined;
  const tracing = app.get(Tracing);
  const telemetry = metrics !== undefined || tracing.enabled;
  const webhooks = app.get(WebhookOutbox);
  if (metrics) webhooks.onAttempt = (outcome) => metrics.webhookAttempts.inc({ outcome });
  if (telemetry)
    registerHttpTelemetry(fastify, metrics, tracing, () => {
      if (!metrics) return;
      observeNode(metrics, app.get(NodeFeed));
      observeWebhooks(metrics, webhooks);
    });
  const limiter = app.get(RateLimiter);
  if (metrics) limiter.onRefusal = (transport) => metrics.rateLimitRefusals.inc({ transport });
  limiter.register(fastify);
  app.enableShutdownHooks();
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins.includes('*') ? true : [...config.corsOrigins], exposedHeaders: EXPOSED_HEADERS, maxAge: 600 });
  }
  if (config.graphql.ide) await serveGraphqlIde(app);
  await serveConsole(app, config);
  guardWebSockets(fastify, app.get(AuthService), app.get(RateLimiter), {
    initTimeoutMs: config.graphql.webSocketInitTimeoutMs,
    maxConnectionsPerCaller: config.rateLimit.webSocketConnections,
  });
  sliceLargeResponses(fastify, { minValues: SLICED_RESPONSE_VALUES, sliceMs: SLICE_MS });
  registerRestApi(fastify, limiter);
  await app.init();
  if (telemetry) instrumentGraphql(fastify, metrics, tracing);
  instrumentCommands(app.get(CommandBus), tracing);
  await app.get(StartupService).start();
  return app;
}
