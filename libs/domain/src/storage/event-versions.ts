/**
 * The stored versions of one event type, declared by the code that owns the type and registered
 * with the store's serializer by the shell: `upcasters[n]` lifts stored data of version n to
 * n + 1, for every n below `version` (what new events are stored as).
 */
export interface EventVersions {
  type: string;
  version: number;
  upcasters?: Record<number, (data: any) => unknown>;
}
