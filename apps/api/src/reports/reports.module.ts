import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';

/** /reports/*: documents for the file, built from the public API. */
@Module({ controllers: [ReportsController] })
export class ReportsModule {}
