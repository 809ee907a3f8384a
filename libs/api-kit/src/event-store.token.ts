/** Injection token of the EventStore port (libs/event-store). */
export const EVENT_STORE = Symbol('EVENT_STORE');
