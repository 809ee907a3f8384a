import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, registerAs } from '@nestjs/config';
import { AppConfig } from './app-config.js';

export interface PlatformConfigOptions {
  /** The variables to read instead of `process.env` and `.env` (tests). */
  env?: Record<string, string | undefined>;
}

/**
 * Loads and validates the settings once through @nestjs/config (a `.env` file in the working
 * directory is read too) and provides them as the typed `AppConfig` everywhere.
 */
@Global()
@Module({})
export class PlatformConfigModule {
  static forRoot(options: PlatformConfigOptions = {}): DynamicModule {
    const settings = registerAs('platform', () => new AppConfig(options.env ?? process.env));
    return {
      module: PlatformConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: options.env !== undefined, load: [settings] })],
      providers: [{ provide: AppConfig, inject: [settings.KEY], useFactory: (config: AppConfig) => config }],
      exports: [AppConfig],
    };
  }
}
