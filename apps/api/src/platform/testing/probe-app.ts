// Test-only: the platform wired as main.ts and AppModule are meant to wire it, around probe resolvers.
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadAppConfig } from '../config/app-config.js';
import { GraphqlPlatform } from '../graphql/graphql-platform.js';
import { ReadinessRegistry } from '../health/readiness-registry.js';
import { AuthService } from '../auth/auth.service.js';
import { guardWebSockets } from '../graphql/websocket-guard.js';
import { RateLimiter } from '../rate-limit/rate-limiter.js';
import { fastifyLoggingOptions, registerRequestCorrelation, registerRequestLog, SLOW_REQUEST_MS } from '../logging/http-logging.js';
import { createLogger } from '../logging/logger.js';
import { PinoLoggerService } from '../logging/pino-logger.service.js';
import { PlatformModule } from '../platform.module.js';
import { ProbeController, ProbeResolver, ProbeTreeResolver } from './probe.resolver.js';

@Module({})
class ProbeAppModule {
  static forRoot(env: Record<string, string | undefined>): DynamicModule {
    return {
      module: ProbeAppModule,
      imports: [
        PlatformModule.forRoot({ env }),
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          inject: [GraphqlPlatform],
          useFactory: (platform: GraphqlPlatform) => {
            const options = platform.driverOptions();
            return { autoSchemaFile: true, fieldResolverEnhancers: ['guards', 'filters'], ...options, subscription: { ...options.subscription } };
          },
        }),
      ],
      controllers: [ProbeController],
      providers: [ProbeResolver, ProbeTreeResolver],
    };
  }
}

/** Starts the probe app on a random port; `PROBE_READINESS` (e.g. `ok` or `down,throws`) registers readiness checks `probe-<outcome>`. */
export async function startProbeApp(env: Record<string, string | undefined>): Promise<NestFastifyApplication> {
  const config = loadAppConfig(env);
  const logger = createLogger(config.logLevel);
  const app = await NestFactory.create<NestFastifyApplication>(ProbeAppModule.forRoot(env), new FastifyAdapter(fastifyLoggingOptions(logger)), {
    logger: new PinoLoggerService(logger),
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerRequestCorrelation(fastify);
  registerRequestLog(fastify, SLOW_REQUEST_MS);
  app.get(RateLimiter).register(fastify);
  for (const outcome of env.PROBE_READINESS?.split(',') ?? []) {
    app.get(ReadinessRegistry).register(`probe-${outcome}`, async () => {
      if (outcome === 'throws') throw new Error('store at 10.0.0.5:2113 unreachable');
      return { ok: outcome === 'ok', detail: { lag: outcome === 'ok' ? 0 : 250 } };
    });
  }
  guardWebSockets(fastify, app.get(AuthService), app.get(RateLimiter), {
    initTimeoutMs: config.graphql.webSocketInitTimeoutMs,
    maxConnectionsPerCaller: config.rateLimit.webSocketConnections,
  });
  await app.listen(0, '127.0.0.1');
  return app;
}
