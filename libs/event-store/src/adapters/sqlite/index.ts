/** The embedded SQLite adapter (better-sqlite3): its own entry point, so that the port loads no client. */
export * from './sqlite-event-store.js';
