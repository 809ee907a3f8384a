import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { AuthGuard } from './auth/auth.guard.js';
import { AuthService } from './auth/auth.service.js';
import { AppConfig } from './config/app-config.js';
import { PlatformConfigModule, type PlatformConfigOptions } from './config/platform-config.module.js';
import { ApiExceptionFilter } from './errors/api-exception.filter.js';
import { createValidationPipe } from './errors/validation-pipe.js';
import { GraphqlPlatform } from './graphql/graphql-platform.js';
import { HealthController } from './health/health.controller.js';
import { ReadinessRegistry } from './health/readiness-registry.js';
import { RateLimiter } from './rate-limit/rate-limiter.js';

/**
 * The API's cross-cutting layer in one import: settings (AppConfig), authentication with the
 * global AuthGuard, the global exception filter and ValidationPipe, /health/live and
 * /health/ready, the RateLimiter, and GraphqlPlatform for the Mercurius driver options. Global, so feature modules
 * inject AppConfig, AuthService and ReadinessRegistry without importing it.
 */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformConfigOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      imports: [PlatformConfigModule.forRoot(options), TerminusModule.forRoot()],
      controllers: [HealthController],
      providers: [
        { provide: AuthService, inject: [AppConfig], useFactory: (config: AppConfig) => AuthService.create(config) },
        { provide: RateLimiter, inject: [AppConfig, AuthService], useFactory: (config: AppConfig, auth: AuthService) => new RateLimiter(config, auth) },
        ReadinessRegistry,
        GraphqlPlatform,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
      exports: [PlatformConfigModule, AuthService, RateLimiter, ReadinessRegistry, GraphqlPlatform],
    };
  }
}
