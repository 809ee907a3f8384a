import { Injectable } from '@nestjs/common';
import type { Instant } from '#domain';

/** The one place the application reads the time; the domain is handed it. */
@Injectable()
export class Clock {
  now(): Instant {
    return new Date().toISOString();
  }
}
