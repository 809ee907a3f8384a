import { Module, type DynamicModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GraphQLModule } from '@nestjs/graphql';
import { MercuriusDriver, type MercuriusDriverConfig } from '@nestjs/mercurius';
import { NoSchemaIntrospectionCustomRule, type ValidationRule } from 'graphql';
import mercurius from 'mercurius';
import { Clock, LiveFeed } from '#api-kit';
import { AUDIT_SETTINGS, AuditLogModule } from '#audit-log';
import { DeterminationsModule } from '#determinations';
import { PolicyModule } from '#policy';
import { WEBHOOK_SETTINGS, WebhooksModule } from '#webhooks';
import { ConsoleModule } from './console/console.module.js';
import { ReportsModule } from './reports/reports.module.js';
import { ConsistencyHooks, ConsistencyModule } from './consistency/consistency.module.js';
import { AppConfig, GraphqlPlatform, PlatformModule } from './platform/index.js';
import { ProjectionsModule } from './projections/projections.module.js';
import { ReadinessChecks } from './startup/readiness-checks.js';
import { StartupService } from './startup/startup.service.js';
import { StoreModule } from './store/store.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';

const PERSISTED_QUERIES = 1024;

/** The shell: platform (config, auth, errors, health), the store, and the feature modules. */
@Module({})
export class AppModule {
  static forRoot(env: Record<string, string | undefined> = process.env): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        PlatformModule.forRoot({ env }),
        TelemetryModule,
        CqrsModule.forRoot(),
        StoreModule,
        GraphQLModule.forRootAsync<MercuriusDriverConfig>({
          driver: MercuriusDriver,
          imports: [ConsistencyModule],
          inject: [GraphqlPlatform, ConsistencyHooks, AppConfig],
          useFactory: (platform: GraphqlPlatform, consistency: ConsistencyHooks, config: AppConfig) => {
            const options = platform.driverOptions();
            const expensiveFields = platform.transformSchema();
            return {
              autoSchemaFile: true,
              sortSchema: true,
              graphiql: false,
              // graphql-jit compiles a query once it has been seen twice, off the request path and
              // even under load; Mercurius still checks variables with graphql-js first in this mode,
              // so their errors keep the paths (`input.items.0.kind`) that the JIT's messages lose.
              jit: { minCount: 1, eluThreshold: 1 },
              fieldResolverEnhancers: ['guards', 'filters'],
              ...options,
              validationRules: config.graphql.introspection
                ? options.validationRules
                : [...(options.validationRules as ValidationRule[]), NoSchemaIntrospectionCustomRule],
              // Automatic persisted queries (Apollo's protocol): a client sends a query's SHA-256 and
              // the text only when this node has not seen it yet; at most 1,024 texts are kept.
              persistedQueryProvider: mercurius.persistedQueryDefaults.automatic(PERSISTED_QUERIES),
              hooks: { ...options.hooks, onResolution: consistency.onResolution },
              // The consistency wait wraps the turn: a query waits for its position before it queues.
              transformSchema: (schema) => consistency.transformSchema(expensiveFields(schema)),
              subscription: { ...options.subscription },
            };
          },
        }),
        PolicyModule,
        DeterminationsModule,
        ProjectionsModule,
        AuditLogModule,
        WebhooksModule,
        ConsistencyModule,
        ConsoleModule,
        ReportsModule,
      ],
      providers: [
        Clock,
        LiveFeed,
        StartupService,
        ReadinessChecks,
        {
          provide: AUDIT_SETTINGS,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({ ...config.audit, dataDir: config.dataDir, receiptWaitMs: config.consistencyTimeoutMs }),
        },
        { provide: WEBHOOK_SETTINGS, inject: [AppConfig], useFactory: (config: AppConfig) => ({ ...config.webhooks, dataDir: config.dataDir }) },
      ],
      exports: [Clock, LiveFeed, AUDIT_SETTINGS, WEBHOOK_SETTINGS],
    };
  }
}
