import type Database from 'better-sqlite3';

/** The webhooks read model's tables, in the node's read-model file (times are epoch milliseconds). */
export function createWebhookTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS wh_webhooks (
      id TEXT PRIMARY KEY,
      url TEXT NOT NULL,
      events TEXT NOT NULL,
      secret TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      created_position INTEGER NOT NULL,
      deleted_at INTEGER,
      open_count INTEGER NOT NULL DEFAULT 0,
      dead_lettered_count INTEGER NOT NULL DEFAULT 0,
      position INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS wh_deliveries (
      id TEXT PRIMARY KEY,
      webhook_id TEXT NOT NULL,
      event_id TEXT NOT NULL,
      event_type TEXT NOT NULL,
      event_stream TEXT NOT NULL,
      event_revision INTEGER NOT NULL,
      event_position INTEGER NOT NULL,
      status TEXT NOT NULL,
      lane TEXT NOT NULL,
      open INTEGER NOT NULL,
      window_start INTEGER NOT NULL,
      window_attempts INTEGER NOT NULL,
      attempts INTEGER NOT NULL,
      next_attempt_at INTEGER,
      last_attempt_at INTEGER,
      last_status_code INTEGER,
      last_error TEXT,
      delivered_at INTEGER,
      dead_lettered_at INTEGER,
      revision INTEGER NOT NULL,
      position INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS wh_deliveries_queue ON wh_deliveries (webhook_id, open, lane, event_position);
    CREATE UNIQUE INDEX IF NOT EXISTS wh_deliveries_listing ON wh_deliveries (webhook_id, event_position);
  `);
}

export function dropWebhookTables(db: Database.Database): void {
  db.exec('DROP TABLE IF EXISTS wh_deliveries; DROP TABLE IF EXISTS wh_webhooks;');
}

export type DeliveryStatus = 'PENDING' | 'RETRYING' | 'DELIVERED' | 'DEAD_LETTERED';
/** ORDERED: a first delivery, sent in commit order; REDELIVERY: asked for again by an admin, sent beside them. */
export type DeliveryLane = 'ORDERED' | 'REDELIVERY';

export interface WebhookRow {
  id: string;
  url: string;
  events: string;
  secret: string;
  created_at: number;
  created_by: string;
  created_position: number;
  deleted_at: number | null;
  open_count: number;
  dead_lettered_count: number;
  position: number;
}

export interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  event_stream: string;
  event_revision: number;
  event_position: number;
  status: DeliveryStatus;
  lane: DeliveryLane;
  open: 0 | 1;
  window_start: number;
  window_attempts: number;
  attempts: number;
  next_attempt_at: number | null;
  last_attempt_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: number | null;
  dead_lettered_at: number | null;
  /** The delivery stream's last revision this node has applied (-1: none yet). */
  revision: number;
  /** The commit position of the last event that changed the delivery. */
  position: number;
}
