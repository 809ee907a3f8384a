import type { CommandBus, ICommand } from '@nestjs/cqrs';
import type { WebhookOutbox } from '#webhooks';
import type { NodeFeed } from '../consistency/node-feed.service.js';
import type { ApiMetrics } from './api-metrics.js';
import type { Tracing } from './tracing.js';

/** Sets the gauges read from this node's state (its feed and projections), just before a scrape. */
export function observeNode(metrics: ApiMetrics, feed: NodeFeed): void {
  const state = feed.localState();
  for (const [projection, pending] of Object.entries(state.pending)) metrics.projectionLag.set({ projection }, pending);
  metrics.appliedPosition.set(state.appliedPosition);
}

/** Sets the webhook gauges from this node's read model (one series per live webhook: deleted ones drop out). */
export function observeWebhooks(metrics: ApiMetrics, webhooks: WebhookOutbox): void {
  metrics.webhookBacklog.reset();
  metrics.webhookDeadLettered.reset();
  for (const { webhookId, open, deadLettered } of webhooks.backlog()) {
    metrics.webhookBacklog.set({ webhook: webhookId }, open);
    metrics.webhookDeadLettered.set({ webhook: webhookId }, deadLettered);
  }
}

/** Runs every command in a `command <Name>` span (the store calls it makes are its children). */
export function instrumentCommands(commands: CommandBus, tracing: Tracing): void {
  if (!tracing.enabled) return;
  const execute = commands.execute.bind(commands) as (command: ICommand) => Promise<unknown>;
  (commands as { execute: (command: ICommand) => Promise<unknown> }).execute = (command) =>
    tracing.span(`command ${command.constructor.name}`, { 'policy_ledger.command': command.constructor.name }, () => execute(command));
}
