/** The EventStoreDB adapter (@eventstore/db-client): its own entry point, so that the port loads no client. */
export * from './eventstoredb-event-store.js';
