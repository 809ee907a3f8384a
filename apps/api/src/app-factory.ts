import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module.js';
import { serveConsole } from './console/serve-console.js';
import { serveGraphqlIde } from './ide/graphql-ide.js';
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
} from './platform/index.js';

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
  app.get(RateLimiter).register(fastify);
  app.enableShutdownHooks();
  await serveGraphqlIde(app);
  await serveConsole(app, config);
  guardWebSockets(fastify, app.get(AuthService), app.get(RateLimiter), {
    initTimeoutMs: config.graphql.webSocketInitTimeoutMs,
    maxConnectionsPerCaller: config.rateLimit.webSocketConnections,
  });
  await app.init();
  await app.get(StartupService).start();
  return app;
}
