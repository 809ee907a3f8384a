import type Database from 'better-sqlite3';
import type { DeliveryRow, DeliveryStatus, WebhookRow } from './webhook-tables.js';

export interface DeliveryPage {
  rows: DeliveryRow[];
  totalCount: number;
  hasNextPage: boolean;
}

/** Reads of the webhooks read model: listings for the API, the queue for the dispatcher, figures for /metrics. */
export class WebhookQueries {
  private readonly statements;

  constructor(private readonly db: Database.Database) {
    this.statements = {
      webhooks: db.prepare('SELECT * FROM wh_webhooks ORDER BY created_position'),
      activeCount: db.prepare('SELECT COUNT(*) AS count FROM wh_webhooks WHERE deleted_at IS NULL'),
      webhook: db.prepare('SELECT * FROM wh_webhooks WHERE id = ?'),
      delivery: db.prepare('SELECT * FROM wh_deliveries WHERE id = ?'),
      // Per live webhook and lane, the first open delivery in commit order: only it may go next.
      heads: db.prepare(
        `SELECT d.* FROM wh_webhooks w
         JOIN wh_deliveries d ON d.id = (
           SELECT q.id FROM wh_deliveries q WHERE q.webhook_id = w.id AND q.open = 1 AND q.lane = ? ORDER BY q.event_position LIMIT 1)
         WHERE w.deleted_at IS NULL AND d.next_attempt_at <= ?
         ORDER BY d.next_attempt_at`,
      ),
      backlog: db.prepare('SELECT id, open_count, dead_lettered_count FROM wh_webhooks WHERE deleted_at IS NULL'),
    };
  }

  webhooks(): WebhookRow[] {
    return this.statements.webhooks.all() as WebhookRow[];
  }

  activeCount(): number {
    return (this.statements.activeCount.get() as { count: number }).count;
  }

  webhook(id: string): WebhookRow | undefined {
    return this.statements.webhook.get(id) as WebhookRow | undefined;
  }

  delivery(id: string): DeliveryRow | undefined {
    return this.statements.delivery.get(id) as DeliveryRow | undefined;
  }

  /** A webhook's deliveries, newest first; `before`: the event position the previous page ended at. */
  deliveries(webhookId: string, options: { status?: DeliveryStatus; first: number; before?: number }): DeliveryPage {
    const where = ['webhook_id = ?'];
    const values: unknown[] = [webhookId];
    if (options.status) {
      where.push('status = ?');
      values.push(options.status);
    }
    const totalCount = (this.db.prepare(`SELECT COUNT(*) AS count FROM wh_deliveries WHERE ${where.join(' AND ')}`).get(...values) as { count: number }).count;
    if (options.before !== undefined) {
      where.push('event_position < ?');
      values.push(options.before);
    }
    const rows = this.db
      .prepare(`SELECT * FROM wh_deliveries WHERE ${where.join(' AND ')} ORDER BY event_position DESC LIMIT ?`)
      .all(...values, options.first + 1) as DeliveryRow[];
    return { rows: rows.slice(0, options.first), totalCount, hasNextPage: rows.length > options.first };
  }

  /** The deliveries that may be attempted now: per webhook, the next in commit order and the next redelivery, when due. */
  dueHeads(now: number): DeliveryRow[] {
    return [...(this.statements.heads.all('ORDERED', now) as DeliveryRow[]), ...(this.statements.heads.all('REDELIVERY', now) as DeliveryRow[])];
  }

  /** Per live webhook: deliveries not yet made (pending or being retried) and dead-lettered ones. */
  backlog(): { webhookId: string; open: number; deadLettered: number }[] {
    return (this.statements.backlog.all() as { id: string; open_count: number; dead_lettered_count: number }[]).map((row) => ({
      webhookId: row.id,
      open: row.open_count,
      deadLettered: row.dead_lettered_count,
    }));
  }
}
