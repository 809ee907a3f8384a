import { Module } from '@nestjs/common';
import { SignInController } from './sign-in.controller.js';

/** The console's own endpoints; its page and assets are served by serveConsole (registered in createApp). */
@Module({ controllers: [SignInController] })
export class ConsoleModule {}
