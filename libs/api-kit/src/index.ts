export * from './clock.js';
export * from './event-store.token.js';
export * from './event-metadata.js';
export * from './live-feed.js';
export * from './stable-id.js';
export * from './graphql/scalars.js';
export * from './roles.decorator.js';
