import { UnknownSchemaVersionError } from '../event-store.errors.js';

/** Turns the stored `data` of version `n` into the shape of version `n + 1`. */
export type Upcaster = (data: any) => unknown;

/** The versions of one event type: `upcasters[n]` lifts version n to n + 1, for every n below `version`. */
export interface EventSchema {
  type: string;
  /** The current version; what new events are stored as. */
  version: number;
  upcasters?: Record<number, Upcaster>;
}

/**
 * The versioned serializer at the store port. Events are stored with `metadata.schemaVersion`;
 * on read, older versions are upcast step by step to the current shape, so the layers above see
 * only current shapes and stored shapes never have to be rewritten (docs/adr/003-event-store-port-and-sqlite.md).
 * Types without a schema are version 1 and pass through unchanged.
 */
export class EventSerializer {
  private readonly schemas = new Map<string, EventSchema>();
  private verbatimReads = false;

  /**
   * Reads every event's data exactly as stored, whatever its version, and refuses to write. For
   * whoever checks what was recorded (the audit verifier): it must not depend on an upcaster
   * accepting the stored data, since a tampered or malformed event is what it is looking for.
   */
  static verbatim(): EventSerializer {
    const serializer = new EventSerializer();
    serializer.verbatimReads = true;
    return serializer;
  }

  constructor(schemas: EventSchema[] = []) {
    for (const schema of schemas) {
      if (!Number.isInteger(schema.version) || schema.version < 1) throw new RangeError(`Schema version of "${schema.type}" must be an integer >= 1.`);
      for (let v = 1; v < schema.version; v++) {
        if (typeof schema.upcasters?.[v] !== 'function') throw new RangeError(`"${schema.type}" needs an upcaster from version ${v} to ${v + 1}.`);
      }
      this.schemas.set(schema.type, schema);
    }
  }

  currentVersion(type: string): number {
    if (this.verbatimReads) throw new Error(`a verbatim serializer only reads: it cannot store "${type}"`);
    return this.schemas.get(type)?.version ?? 1;
  }

  /** The stored shape's data of a given stored version, upcast to the current version. */
  upcast(type: string, data: unknown, storedVersion: number): unknown {
    if (this.verbatimReads) return data;
    const schema = this.schemas.get(type);
    const current = schema?.version ?? 1;
    if (storedVersion === current) return data;
    if (!Number.isInteger(storedVersion) || storedVersion > current || storedVersion < 1) {
      throw new UnknownSchemaVersionError(type, storedVersion, current);
    }
    let shaped = data;
    for (let v = storedVersion; v < current; v++) shaped = schema!.upcasters![v]!(shaped);
    return shaped;
  }
}
