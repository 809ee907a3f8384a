import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

type FilterOptions = InstanceType<typeof streamsPb.ReadReq.Options.FilterOptions>;

/**
 * The search window a filtered subscription gets when the client names none (the 6.x client sends
 * `count` then): KurrentDB's Enumerator.DefaultReadBatchSize, 32 records
 * (src/KurrentDB.Core/Services/Transport/Enumerators/Enumerator.cs, read 2026-12).
 */
export const DEFAULT_MAX_SEARCH_WINDOW = 32;

/**
 * How many records a filtered $all subscription considers between two checkpoints: the client's
 * checkpointInterval (a multiplier, 1 by default in @eventstore/db-client 6.x utils/filter.js)
 * times the search window, as KurrentDB's Enumerator.AllSubscriptionFiltered computes it (so the
 * default is a checkpoint every 32 records, matching or not; EventStore/EventStore#2608 settled
 * on this product).
 */
export function checkpointInterval(filter: FilterOptions): number {
  const window = filter.getWindowCase() === streamsPb.ReadReq.Options.FilterOptions.WindowCase.MAX ? filter.getMax() : DEFAULT_MAX_SEARCH_WINDOW;
  return Math.max(1, filter.getCheckpointintervalmultiplier()) * window;
}

/**
 * Counts the records a filtered subscription considers and says when a checkpoint is due, as
 * KurrentDB does: during catch-up the count runs over every record read (it checks after each page
 * of `window` records; the interval is a whole number of pages, so the records at which it fires
 * are the same), and again from zero once live, over every record appended. A checkpoint carries
 * the position of the last record considered: nothing at or before it is still to come.
 */
export class CheckpointCadence {
  private considered = 0;

  constructor(private readonly interval: number) {}

  /** Counts one record; true when a checkpoint at its position is due. */
  consider(): boolean {
    this.considered++;
    if (this.considered < this.interval) return false;
    this.considered = 0;
    return true;
  }

  /** Going live starts a new count (the live subscription's own, from zero). */
  restart(): void {
    this.considered = 0;
  }
}
